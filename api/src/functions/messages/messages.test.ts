import { db } from 'src/lib/db'
import { openApiDocument } from 'src/lib/restApi'
import {
  bearer,
  openApiChecker,
  restClient,
  startRestServer,
  type RestServer,
} from 'src/lib/restApi/restApi.fixtures'

import { handler as messages } from './messages'
import { KEYS, type StandardScenario } from './messages.scenarios'

let server: RestServer
let client: ReturnType<typeof restClient>

beforeAll(async () => {
  server = await startRestServer({ messages })
  client = restClient(server.origin, openApiChecker(openApiDocument))
})

afterAll(() => server?.close())
afterEach(() => jest.restoreAllMocks())

const get = (id: string, key: string = KEYS.alice) =>
  client.request('GET', `/messages/${id}`, { headers: bearer(key) })

describe('GET /messages/:id', () => {
  scenario(
    'shows the caller’s own message with its events, oldest first',
    async (scenario: StandardScenario) => {
      const answer = await get('rest-msg-alice')

      expect(answer.status).toBe(200)
      expect(answer.body).toEqual({
        success: true,
        id: 'rest-msg-alice',
        messageId: 'pinpoint-delivered-1',
        status: 'DELIVERED',
        errorCode: null,
        errorMessage: null,
        destinationPhoneNumber: '+12065550123',
        originationIdentity: '+18445550100',
        messageBody: 'Your order shipped',
        mediaUrls: [
          `s3://mms-media-test/uploads/${scenario.user.alice.id}/0b6f4e2a-5c1d-4e8f-9a7b-3c2d1e0f9a8b/cat.png`,
        ],
        dryRun: false,
        timeToLive: 3600,
        maxPrice: '0.05',
        configurationSetName: 'mms-events',
        protectConfigurationId: 'protect-abc',
        messageFeedbackEnabled: true,
        statusCallbackUrl: null,
        context: { orderId: '42' },
        idempotencyKey: 'order-42',
        attemptCount: 1,
        nextAttemptAt: null,
        priceUsd: '0.02',
        carrier: 'Example Wireless',
        createdAt: '2026-11-23T12:00:00.000Z',
        updatedAt: expect.any(String),
        sentAt: '2026-11-23T12:00:01.000Z',
        events: [
          {
            type: 'MEDIA_SUCCESSFUL',
            status: 'SENT',
            description: null,
            carrier: null,
            priceUsd: null,
            occurredAt: '2026-11-23T12:00:02.000Z',
          },
          {
            type: 'MEDIA_DELIVERED',
            status: 'DELIVERED',
            description: 'Delivered to the handset.',
            carrier: 'Example Wireless',
            priceUsd: '0.02',
            occurredAt: '2026-11-23T12:00:09.000Z',
          },
        ],
      })
    }
  )

  scenario(
    'answers someone else’s message exactly as a missing one',
    async (scenario: StandardScenario) => {
      // Bob's own key reads his message, so the id is real.
      expect((await get(scenario.mmsMessage.bobs.id, KEYS.bob)).status).toBe(
        200
      )

      const others = await get(scenario.mmsMessage.bobs.id, KEYS.alice)
      const missing = await get('no-such-message', KEYS.alice)
      const alicesAsBob = await get(
        scenario.mmsMessage.alicesDelivered.id,
        KEYS.bob
      )

      for (const answer of [others, missing, alicesAsBob]) {
        expect(answer.status).toBe(404)
        expect(answer.body).toEqual({
          success: false,
          code: 'NOT_FOUND',
          message: 'No message of yours has this id.',
        })
      }
      expect(others.text).toBe(missing.text)
      expect(others.text).not.toContain("Bob's message")
    }
  )

  scenario(
    '401 without a key, with a revoked one, or with one of a disabled account',
    async () => {
      const noKey = await client.request('GET', '/messages/rest-msg-alice')
      const revoked = await get('rest-msg-alice', KEYS.aliceRevoked)
      const disabled = await get('rest-msg-alice', KEYS.disabled)
      for (const answer of [noKey, revoked, disabled]) {
        expect(answer.status).toBe(401)
        expect(answer.body.code).toBe('UNAUTHENTICATED')
        expect(answer.text).not.toContain('Your order shipped')
      }
    }
  )

  scenario(
    '404 for the bare path or a deeper one, 405 for another method',
    async () => {
      const bare = await client.request('GET', '/messages', {
        headers: bearer(KEYS.alice),
      })
      const deeper = await client.request(
        'GET',
        '/messages/rest-msg-alice/events',
        {
          headers: bearer(KEYS.alice),
        }
      )
      for (const answer of [bare, deeper]) {
        expect(answer.status).toBe(404)
        expect(answer.body.code).toBe('NOT_FOUND')
      }

      const remove = await client.request(
        'DELETE',
        '/messages/rest-msg-alice',
        {
          headers: bearer(KEYS.alice),
        }
      )
      expect(remove.status).toBe(405)
      expect(remove.headers.get('allow')).toBe('GET')
      expect(
        await db.mmsMessage.count({ where: { id: 'rest-msg-alice' } })
      ).toBe(1)
    }
  )

  scenario(
    '500 with a fixed text when the lookup fails unexpectedly',
    async () => {
      jest
        .spyOn(db.mmsEvent, 'findMany')
        .mockRejectedValue(new Error('SQLITE_IOERR at /var/lib/app/dev.db'))
      const answer = await get('rest-msg-alice')
      expect(answer.status).toBe(500)
      expect(answer.body.code).toBe('INTERNAL_ERROR')
      expect(answer.text).not.toMatch(/SQLITE|\/var\/lib|Your order/)
    }
  )
})
