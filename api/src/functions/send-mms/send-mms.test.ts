import { request as httpRequest } from 'node:http'

import {
  ConflictException,
  SendMediaMessageCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import { HeadObjectCommand } from '@aws-sdk/client-s3'

import { createSession, SESSION_COOKIE_NAME } from 'src/lib/accounts/sessions'
import * as config from 'src/lib/config'
import { db } from 'src/lib/db'
import { openApiDocument } from 'src/lib/restApi'
import {
  ORIGINATION,
  awsMocks,
  bearer,
  openApiChecker,
  photoOf,
  restClient,
  settled,
  startRestServer,
  type RestServer,
} from 'src/lib/restApi/restApi.fixtures'
import { createSendWorker, type SendWorker } from 'src/lib/sendQueue'

import { handler as messages } from '../messages/messages'

import { handler as sendMms } from './send-mms'
import { KEYS, type StandardScenario } from './send-mms.scenarios'

// Sends go through the queue to a worker in this process, as in the api
// server; AWS reports no rate, so the configured one (high) applies.
process.env.MMS_ORIGINATION_RATES = `${ORIGINATION}=50`
process.env.MMS_WORKER_POLL_MS = '50'
jest.setTimeout(30_000)

const aws = awsMocks()
let server: RestServer
let worker: SendWorker
let client: ReturnType<typeof restClient>

beforeAll(async () => {
  server = await startRestServer({ 'send-mms': sendMms, messages })
  client = restClient(server.origin, openApiChecker(openApiDocument))
  worker = createSendWorker().start()
})

afterAll(async () => {
  await worker?.stop()
  await server?.close()
})

beforeEach(() => aws.reset())
afterEach(() => jest.restoreAllMocks())

const JSON_TYPE = { 'Content-Type': 'application/json' }

/** A POST /send-mms as the caller writes it, with Alice's key unless told. */
const post = (
  body: unknown,
  headers: Record<string, string> = bearer(KEYS.alice)
) =>
  client.request('POST', '/send-mms', {
    headers: { ...JSON_TYPE, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

const count = () => db.mmsMessage.count()

describe('POST /send-mms with the seed guides’ bodies', () => {
  scenario(
    'the Next.js guide: its three fields posted with fetch are sent, and the wire request is exactly theirs',
    async (scenario: StandardScenario) => {
      const mediaUrl = photoOf(scenario.user.alice.id)
      // The guide's client code, with the key the endpoint asks for.
      const response = await fetch(`${server.origin}/send-mms`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${KEYS.alice}`,
        },
        body: JSON.stringify({
          destinationPhoneNumber: '+12065550123',
          messageBody: 'Hello from Next.js',
          mediaUrl,
        }),
      })
      const body = await response.json()

      expect(response.status).toBe(200)
      expect(body).toEqual({
        success: true,
        messageId: 'pinpoint-1',
        id: expect.any(String),
        status: 'SENT',
      })
      expect(aws.sends()).toEqual([
        {
          DestinationPhoneNumber: '+12065550123',
          OriginationIdentity: ORIGINATION,
          MessageBody: 'Hello from Next.js',
          MediaUrls: [mediaUrl],
          Context: { mmsMessageId: body.id },
        },
      ])
      expect(aws.s3.commandCalls(HeadObjectCommand)[0].args[0].input).toEqual({
        Bucket: 'mms-media-test',
        Key: mediaUrl.replace('s3://mms-media-test/', ''),
      })
      expect(
        await db.mmsMessage.findUniqueOrThrow({ where: { id: body.id } })
      ).toMatchObject({
        userId: scenario.user.alice.id,
        apiKeyId: scenario.apiKey.alice.id,
        status: 'SENT',
        providerMessageId: 'pinpoint-1',
        attemptCount: 1,
      })
    }
  )

  scenario(
    'the Express guide: the same fields posted with Node’s http module and a charset are sent',
    async (scenario: StandardScenario) => {
      const payload = JSON.stringify({
        destinationPhoneNumber: '+1 (425) 414-7755',
        messageBody: 'Hello from Express',
        mediaUrl: photoOf(scenario.user.alice.id, 'order.png'),
      })
      const { status, body } = await new Promise<{
        status: number
        body: string
      }>((resolve, reject) => {
        const request = httpRequest(
          `${server.origin}/send-mms`,
          {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json; charset=utf-8',
              'Content-Length': Buffer.byteLength(payload),
              Authorization: `Bearer ${KEYS.alice}`,
            },
          },
          (response) => {
            let text = ''
            response.setEncoding('utf8')
            response.on('data', (chunk) => (text += chunk))
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, body: text })
            )
          }
        )
        request.on('error', reject)
        request.end(payload)
      })

      expect(status).toBe(200)
      expect(JSON.parse(body)).toMatchObject({
        success: true,
        messageId: 'pinpoint-1',
        status: 'SENT',
      })
      expect(aws.sends()[0]).toMatchObject({
        DestinationPhoneNumber: '+14254147755',
        MessageBody: 'Hello from Express',
        MediaUrls: [photoOf(scenario.user.alice.id, 'order.png')],
      })
    }
  )

  scenario(
    'mediaUrls and every optional field reach AWS, including ProtectConfigurationId and MessageFeedbackEnabled, and GET shows them',
    async (scenario: StandardScenario) => {
      const image = photoOf(scenario.user.alice.id)
      const sent = await post({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'Everything',
        mediaUrls: [image],
        dryRun: true,
        timeToLive: 3600,
        maxPrice: '0.05',
        configurationSetName: 'mms-events',
        protectConfigurationId:
          'arn:aws:sms-voice:us-east-1:111122223333:protect-configuration/protect-1',
        messageFeedbackEnabled: true,
        context: { orderId: '42' },
        idempotencyKey: 'order-42-everything',
      })

      expect(sent.status).toBe(200)
      expect(aws.sends()).toEqual([
        {
          DestinationPhoneNumber: '+12065550123',
          OriginationIdentity: ORIGINATION,
          MessageBody: 'Everything',
          MediaUrls: [image],
          DryRun: true,
          TimeToLive: 3600,
          MaxPrice: '0.05',
          ConfigurationSetName: 'mms-events',
          ProtectConfigurationId:
            'arn:aws:sms-voice:us-east-1:111122223333:protect-configuration/protect-1',
          MessageFeedbackEnabled: true,
          Context: { orderId: '42', mmsMessageId: sent.body.id },
        },
      ])

      const read = await client.request('GET', `/messages/${sent.body.id}`, {
        headers: bearer(KEYS.alice),
      })
      expect(read.status).toBe(200)
      expect(read.body).toMatchObject({
        id: sent.body.id,
        messageId: 'pinpoint-1',
        status: 'SENT',
        mediaUrls: [image],
        dryRun: true,
        timeToLive: 3600,
        maxPrice: '0.05',
        configurationSetName: 'mms-events',
        protectConfigurationId:
          'arn:aws:sms-voice:us-east-1:111122223333:protect-configuration/protect-1',
        messageFeedbackEnabled: true,
        context: { orderId: '42' },
        idempotencyKey: 'order-42-everything',
        attemptCount: 1,
        events: [],
      })
    }
  )

  scenario(
    'messageFeedbackEnabled false is sent as false, and a message without either field sends neither',
    async () => {
      await post({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'no feedback',
        messageFeedbackEnabled: false,
      })
      await post({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'plain',
      })
      const [withFalse, plain] = aws.sends()
      expect(withFalse.MessageFeedbackEnabled).toBe(false)
      expect(withFalse.ProtectConfigurationId).toBeUndefined()
      // The SDK leaves undefined members out of the request it signs.
      expect(plain.MessageFeedbackEnabled).toBeUndefined()
      expect(plain.ProtectConfigurationId).toBeUndefined()
    }
  )
})

describe('POST /send-mms answers', () => {
  scenario(
    '202 QUEUED when the send is not due within the wait, then the queue sends it',
    async () => {
      const actual = config.readMmsConfig()
      jest.spyOn(config, 'mmsConfig').mockReturnValue({
        ...actual,
        queue: { ...actual.queue, sendWaitMs: 0 },
      })
      const queued = await post({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'later',
      })
      expect(queued.status).toBe(202)
      expect(queued.body).toEqual({
        success: true,
        messageId: null,
        id: expect.any(String),
        status: 'QUEUED',
      })

      const message = await settled(queued.body.id)
      expect(message).toMatchObject({ status: 'SENT', attemptCount: 1 })
      const read = await client.request('GET', `/messages/${queued.body.id}`, {
        headers: bearer(KEYS.alice),
      })
      expect(read.body).toMatchObject({
        status: 'SENT',
        messageId: message.providerMessageId,
      })
    }
  )

  scenario(
    '400 with every invalid field and its reasons at once; nothing recorded or sent',
    async () => {
      const before = await count()
      const answer = await post({
        destinationPhoneNumber: '+1206555010',
        messageBody: '   ',
        timeToLive: 4,
        maxPrice: '1',
        protectConfigurationId: 'protect one',
        context: { mmsMessageId: 'mine' },
      })
      expect(answer.status).toBe(400)
      expect(answer.body).toMatchObject({
        success: false,
        code: 'BAD_USER_INPUT',
        fields: {
          destinationPhoneNumber: [
            expect.stringMatching(/not a valid phone number/),
          ],
          messageBody: ['The message cannot be only whitespace.'],
          timeToLive: [expect.stringMatching(/from 5 to 259200/)],
          maxPrice: [expect.stringMatching(/US dollars/)],
          protectConfigurationId: [
            'A protect configuration is named by its id or ARN: 1 to 256 letters, digits, _ : / or -.',
          ],
          context: [expect.stringMatching(/reserved for the message id/)],
        },
      })
      expect(await count()).toBe(before)
      expect(aws.sends()).toHaveLength(0)
    }
  )

  scenario(
    '400 for fields of the wrong JSON type, unknown fields, a missing number, and both mediaUrl and mediaUrls',
    async (scenario: StandardScenario) => {
      const before = await count()
      const answer = await post({
        destinationPhoneNumber: 12065550123,
        dryRun: 'yes',
        messageFeedbackEnabled: 1,
        timeToLive: '3600',
        mediaURL: photoOf(scenario.user.alice.id),
      })
      expect(answer.status).toBe(400)
      expect(answer.body.code).toBe('BAD_USER_INPUT')
      expect(answer.body.fields).toEqual({
        destinationPhoneNumber: ['Must be a string.'],
        dryRun: ['Must be true or false.'],
        messageFeedbackEnabled: ['Must be true or false.'],
        timeToLive: ['Must be a number.'],
        mediaURL: [expect.stringMatching(/^Unknown field\. The fields are /)],
      })

      const noNumber = await post({
        messageBody: 'hi',
        mediaUrl: photoOf(scenario.user.alice.id),
        mediaUrls: [photoOf(scenario.user.alice.id)],
      })
      expect(noNumber.body.fields).toEqual({
        destinationPhoneNumber: [
          'Give the number to send to, in international format, e.g. +12065550123.',
        ],
        mediaUrl: ['Give mediaUrl or mediaUrls, not both.'],
      })
      expect(await count()).toBe(before)
    }
  )

  scenario(
    '400 for someone else’s upload, answered as a missing file beside the field the caller used, without asking S3',
    async (scenario: StandardScenario) => {
      const bobs = photoOf(scenario.user.bob.id)
      const asGuide = await post({
        destinationPhoneNumber: '+12065550123',
        mediaUrl: bobs,
      })
      expect(asGuide.status).toBe(400)
      expect(asGuide.body.fields).toEqual({
        mediaUrl: [`There is no file at ${bobs}.`],
      })
      expect(asGuide.body.message).toBe(
        `mediaUrl: There is no file at ${bobs}.`
      )
      const asList = await post({
        destinationPhoneNumber: '+12065550123',
        mediaUrls: [bobs],
      })
      expect(asList.body.fields).toEqual({
        mediaUrls: [`There is no file at ${bobs}.`],
      })
      expect(aws.s3.calls()).toHaveLength(0)
    }
  )

  scenario(
    '400 INVALID_JSON for a malformed body or one that is not an object, through the real server’s body parsing',
    async () => {
      const before = await count()
      const malformed = await post('{"destinationPhoneNumber": "+12065550123",')
      expect(malformed.status).toBe(400)
      expect(malformed.body).toEqual({
        success: false,
        code: 'INVALID_JSON',
        message: 'The body is not valid JSON.',
      })
      const empty = await post('')
      expect(empty.body.code).toBe('INVALID_JSON')
      const list = await post('["+12065550123", "hi"]')
      expect(list.body.code).toBe('INVALID_JSON')
      expect(list.body.message).toMatch(/must be a JSON object/)
      expect(await count()).toBe(before)
    }
  )

  scenario(
    '400 UNSUPPORTED_CONTENT_TYPE for a body that is not sent as JSON',
    async () => {
      const body = JSON.stringify({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'hi',
      })
      // fetch labels a string body text/plain when the caller does not say.
      const unlabelled = await client.request('POST', '/send-mms', {
        headers: bearer(KEYS.alice),
        body,
      })
      const form = await client.request('POST', '/send-mms', {
        headers: {
          ...bearer(KEYS.alice),
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'destinationPhoneNumber=%2B12065550123&messageBody=hi',
      })
      const xml = await client.request('POST', '/send-mms', {
        headers: { ...bearer(KEYS.alice), 'Content-Type': 'application/xml' },
        body: '<sendMms/>',
      })
      for (const answer of [unlabelled, form, xml]) {
        expect(answer.status).toBe(400)
        expect(answer.body).toEqual({
          success: false,
          code: 'UNSUPPORTED_CONTENT_TYPE',
          message:
            'Send the body as JSON, with Content-Type: application/json.',
        })
      }
      expect(aws.sends()).toHaveLength(0)
    }
  )

  describe('401 for every caller without a working key; nothing recorded', () => {
    const body = { destinationPhoneNumber: '+12065550123', messageBody: 'hi' }

    scenario('no Authorization header', async () => {
      const answer = await post(body, {})
      expect(answer.status).toBe(401)
      expect(answer.body).toMatchObject({
        success: false,
        code: 'UNAUTHENTICATED',
        message: expect.stringMatching(/Authorization: Bearer <key>/),
      })
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="mms"')
    })

    for (const [name, headers] of [
      ['an unknown key', bearer(`mms_restnone01_${'n'.repeat(43)}`)],
      ['a malformed key', bearer('not-a-key')],
      ['a revoked key', bearer(KEYS.aliceRevoked)],
      ['the key of a disabled account', bearer(KEYS.disabled)],
    ] as const) {
      scenario(name, async () => {
        const before = await count()
        const answer = await post(body, headers)
        expect(answer.status).toBe(401)
        expect(answer.body.code).toBe('UNAUTHENTICATED')
        expect(answer.body.message).toMatch(/not valid/)
        expect(answer.headers.get('www-authenticate')).toBe(
          'Bearer realm="mms", error="invalid_token"'
        )
        expect(await count()).toBe(before)
        expect(aws.sends()).toHaveLength(0)
      })
    }

    scenario('a key under another scheme (Basic)', async () => {
      const answer = await post(body, {
        Authorization: `Basic ${Buffer.from(`x:${KEYS.alice}`).toString('base64')}`,
      })
      expect(answer.status).toBe(401)
    })

    scenario(
      'a signed-in browser’s valid session cookie, which this endpoint does not take',
      async (scenario: StandardScenario) => {
        const { token } = await createSession(scenario.user.alice.id)
        const answer = await post(body, {
          Cookie: `${SESSION_COOKIE_NAME}=${token}`,
        })
        expect(answer.status).toBe(401)
        expect(aws.sends()).toHaveLength(0)
      }
    )
  })

  scenario(
    'idempotency: the same Idempotency-Key twice records one message and sends once; the repeat answers the first message',
    async () => {
      const request = {
        destinationPhoneNumber: '+12065550123',
        messageBody: 'once',
      }
      const key = { ...bearer(KEYS.alice), 'Idempotency-Key': 'order-7' }
      const first = await post(request, key)
      const again = await post(request, key)
      // The body field is the same key as the header.
      const asField = await post({ ...request, idempotencyKey: 'order-7' })

      expect(first.status).toBe(200)
      for (const repeat of [again, asField]) {
        expect(repeat.status).toBe(200)
        expect(repeat.body).toEqual(first.body)
      }
      expect(
        await db.mmsMessage.count({ where: { idempotencyKey: 'order-7' } })
      ).toBe(1)
      expect(aws.sends()).toHaveLength(1)
    }
  )

  scenario(
    '409 when the key was used for a different request; nothing more is sent',
    async () => {
      const key = { ...bearer(KEYS.alice), 'Idempotency-Key': 'order-8' }
      await post(
        { destinationPhoneNumber: '+12065550123', messageBody: 'A' },
        key
      )
      const other = await post(
        { destinationPhoneNumber: '+12065550123', messageBody: 'B' },
        key
      )
      expect(other.status).toBe(409)
      expect(other.body).toEqual({
        success: false,
        code: 'IDEMPOTENCY_KEY_REUSED',
        message:
          'This key was already used for a different request. Use a new key for a new message.',
      })
      // A new field counts as a different request too.
      const withFeedback = await post(
        {
          destinationPhoneNumber: '+12065550123',
          messageBody: 'A',
          messageFeedbackEnabled: true,
        },
        key
      )
      expect(withFeedback.status).toBe(409)
      expect(aws.sends()).toHaveLength(1)
    }
  )

  scenario(
    '400 when the header and the body field name different keys',
    async () => {
      const answer = await post(
        {
          destinationPhoneNumber: '+12065550123',
          messageBody: 'hi',
          idempotencyKey: 'in-body',
        },
        { ...bearer(KEYS.alice), 'Idempotency-Key': 'in-header' }
      )
      expect(answer.status).toBe(400)
      expect(answer.body.fields).toEqual({
        idempotencyKey: [
          'The Idempotency-Key header and the idempotencyKey field differ: give one of them, or the same key in both.',
        ],
      })
      expect(aws.sends()).toHaveLength(0)
    }
  )

  scenario(
    '429 RATE_LIMITED with Retry-After, over the account’s rate; the refused send is not recorded',
    async () => {
      const request = {
        destinationPhoneNumber: '+12065550123',
        messageBody: 'hi',
      }
      expect((await post(request, bearer(KEYS.limited))).status).toBe(200)
      const before = await count()
      const refused = await post(request, bearer(KEYS.limited))

      expect(refused.status).toBe(429)
      expect(refused.body).toMatchObject({
        success: false,
        code: 'RATE_LIMITED',
        scope: 'USER',
        limit: 1,
        retryAfterSeconds: expect.any(Number),
        retryAt: expect.any(String),
      })
      const retryAfter = Number(refused.headers.get('retry-after'))
      expect(retryAfter).toBe(refused.body.retryAfterSeconds)
      expect(retryAfter).toBeGreaterThanOrEqual(1)
      expect(retryAfter).toBeLessThanOrEqual(60)
      expect(Date.parse(refused.body.retryAt)).toBeGreaterThan(Date.now())
      expect(await count()).toBe(before)
      expect(aws.sends()).toHaveLength(1)
    }
  )

  scenario(
    '429 QUOTA_EXCEEDED over the daily quota, with the UTC day’s end',
    async () => {
      const request = {
        destinationPhoneNumber: '+12065550123',
        messageBody: 'hi',
      }
      expect((await post(request, bearer(KEYS.quota))).status).toBe(200)
      const refused = await post(request, bearer(KEYS.quota))

      expect(refused.status).toBe(429)
      expect(refused.body).toMatchObject({ code: 'QUOTA_EXCEEDED', limit: 1 })
      const nextUtcDay = new Date()
      nextUtcDay.setUTCHours(24, 0, 0, 0)
      expect(refused.body.retryAt).toBe(nextUtcDay.toISOString())
      expect(Number(refused.headers.get('retry-after'))).toBe(
        refused.body.retryAfterSeconds
      )
    }
  )

  scenario(
    '502 when the provider refuses the message: recorded FAILED, with its code and no AWS text',
    async () => {
      aws.pinpoint.on(SendMediaMessageCommand).rejects(
        new ConflictException({
          message: 'raw AWS text that must not reach callers',
          Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
          $metadata: { httpStatusCode: 400 },
        } as never)
      )
      const answer = await post({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'hi',
      })
      expect(answer.status).toBe(502)
      expect(answer.body).toEqual({
        success: false,
        code: 'DESTINATION_OPTED_OUT',
        message: 'The recipient has opted out of messages from this sender.',
        id: expect.any(String),
        messageId: null,
        status: 'FAILED',
      })
      expect(answer.text).not.toMatch(/raw AWS|ConflictException/)
      expect(
        await db.mmsMessage.findUniqueOrThrow({ where: { id: answer.body.id } })
      ).toMatchObject({ status: 'FAILED', errorCode: 'DESTINATION_OPTED_OUT' })
    }
  )

  scenario(
    '502 UNKNOWN when the provider did not answer: recorded, not resent',
    async () => {
      aws.pinpoint.on(SendMediaMessageCommand).rejects(
        Object.assign(new Error('socket hang up at 10.0.0.1'), {
          code: 'ECONNRESET',
        })
      )
      const answer = await post({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'hi',
      })
      expect(answer.status).toBe(502)
      expect(answer.body).toMatchObject({
        code: 'OUTCOME_UNKNOWN',
        status: 'UNKNOWN',
        messageId: null,
      })
      expect(answer.text).not.toMatch(/socket|10\.0\.0\.1/)
      expect(aws.sends()).toHaveLength(1)
    }
  )

  scenario(
    '503 MEDIA_CHECK_UNAVAILABLE when S3 cannot be asked; nothing recorded or sent',
    async (scenario: StandardScenario) => {
      aws.s3.on(HeadObjectCommand).rejects(
        Object.assign(new Error('connect ECONNREFUSED 10.0.0.2:443'), {
          code: 'ECONNREFUSED',
        })
      )
      const before = await count()
      const answer = await post({
        destinationPhoneNumber: '+12065550123',
        mediaUrl: photoOf(scenario.user.alice.id),
      })
      expect(answer.status).toBe(503)
      expect(answer.body).toEqual({
        success: false,
        code: 'MEDIA_CHECK_UNAVAILABLE',
        message:
          'The media file could not be checked in S3 just now, so nothing was sent. Try again shortly.',
      })
      expect(answer.text).not.toMatch(/ECONNREFUSED|10\.0\.0\.2/)
      expect(await count()).toBe(before)
      expect(aws.sends()).toHaveLength(0)
    }
  )

  scenario(
    '500 with a fixed text for an unexpected failure: no stack, path or error text',
    async () => {
      jest.spyOn(config, 'mmsConfig').mockImplementation(() => {
        throw new Error('secret failure in /srv/app/config.ts')
      })
      const answer = await post({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'hi',
      })
      expect(answer.status).toBe(500)
      expect(answer.body).toEqual({
        success: false,
        code: 'INTERNAL_ERROR',
        message:
          'Something went wrong on our side and nothing is known to have been sent. Try again shortly.',
      })
      expect(answer.text).not.toMatch(/secret|\/srv|at .*\.ts/)
    }
  )

  scenario(
    '404 for a path under the endpoint, 405 for another method',
    async () => {
      const under = await client.request('POST', '/send-mms/extra', {
        headers: { ...JSON_TYPE, ...bearer(KEYS.alice) },
        body: '{"destinationPhoneNumber": "+12065550123", "messageBody": "hi"}',
      })
      expect(under.status).toBe(404)
      expect(under.body.code).toBe('NOT_FOUND')

      const get = await client.request('GET', '/send-mms', {
        headers: bearer(KEYS.alice),
      })
      expect(get.status).toBe(405)
      expect(get.headers.get('allow')).toBe('POST')
      expect(get.body).toEqual({
        success: false,
        code: 'METHOD_NOT_ALLOWED',
        message: 'This endpoint takes POST only.',
      })
    }
  )
})
