import { ForbiddenError } from '@redwoodjs/graphql-server'

import { db } from 'src/lib/db'

import {
  apiKeyWebhook,
  removeWebhookEndpoint,
  resendWebhookDelivery,
  setWebhookEndpoint,
  WebhookDelivery,
  webhookDeliveries,
} from './webhooks'
import type { StandardScenario } from './webhooks.scenarios'

const signInAs = (scenario: StandardScenario, who: 'alice' | 'bob' = 'alice') =>
  mockCurrentUser({
    id: scenario.user[who].id,
    email: scenario.user[who].email,
    role: 'MEMBER',
    roles: ['MEMBER'],
    sessionId: `session-${who}`,
  })

/** Alice, calling with her API key instead of a browser session. */
const callWithApiKey = (scenario: StandardScenario) =>
  mockCurrentUser({
    id: scenario.user.alice.id,
    email: scenario.user.alice.email,
    role: 'MEMBER',
    roles: ['MEMBER'],
    apiKeyId: scenario.apiKey.alices.id,
  })

const NO_SUCH_KEY = 'apiKeyId: No such API key.'
const HTTPS_ONLY =
  'url: Webhooks are sent only over https: give an https URL, e.g. https://example.com/webhooks/mms.'

type Row = Record<string, unknown>
const resolve = async (field: keyof typeof WebhookDelivery, root: Row) =>
  (WebhookDelivery[field] as (args: unknown, info: { root: Row }) => unknown)(
    {},
    { root }
  )

const enabledEndpoints = (apiKeyId: string) =>
  db.webhookEndpoint.findMany({ where: { apiKeyId, disabledAt: null } })

describe('apiKeyWebhook', () => {
  scenario(
    'shows the caller’s key with its webhook, never the secret',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const found = await apiKeyWebhook({ apiKeyId: scenario.apiKey.alices.id })
      expect(found.apiKey.id).toBe(scenario.apiKey.alices.id)
      expect(found.endpoint).toEqual({
        id: 'endpoint-alice',
        apiKeyId: scenario.apiKey.alices.id,
        url: 'https://hooks.alice.example/mms',
        createdAt: scenario.webhookEndpoint.alices.createdAt,
        disabledAt: null,
      })
      expect(JSON.stringify(found)).not.toContain('whsec_')

      const bare = await apiKeyWebhook({
        apiKeyId: scenario.apiKey.aliceBare.id,
      })
      expect(bare.endpoint).toBeNull()
    }
  )

  scenario(
    'answers another person’s key as it answers no key',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      expect(await apiKeyWebhook({ apiKeyId: scenario.apiKey.bobs.id })).toBe(
        null
      )
      expect(await apiKeyWebhook({ apiKeyId: 'no-such-key' })).toBe(null)
    }
  )
})

describe('setWebhookEndpoint', () => {
  scenario(
    'returns a new secret once, keeps it to sign with, and disables the URL it replaces',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const apiKeyId = scenario.apiKey.alices.id
      const { endpoint, secret } = await setWebhookEndpoint({
        apiKeyId,
        url: ' https://hooks.alice.example/v2 ',
      })

      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/)
      expect(endpoint).toMatchObject({
        apiKeyId,
        url: 'https://hooks.alice.example/v2',
        disabledAt: null,
      })
      expect(endpoint).not.toHaveProperty('secret')
      const stored = await db.webhookEndpoint.findUniqueOrThrow({
        where: { id: endpoint.id },
      })
      expect(stored.secret).toBe(secret)
      expect(
        (
          await db.webhookEndpoint.findUniqueOrThrow({
            where: { id: 'endpoint-alice' },
          })
        ).disabledAt
      ).not.toBeNull()
      expect((await enabledEndpoints(apiKeyId)).map((e) => e.id)).toEqual([
        endpoint.id,
      ])
      // Never shown again.
      const shown = await apiKeyWebhook({ apiKeyId })
      expect(shown.endpoint.id).toBe(endpoint.id)
      expect(JSON.stringify(shown)).not.toContain(secret)
    }
  )

  scenario(
    'refuses another person’s key as a key that does not exist, and changes nothing',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      await expect(
        setWebhookEndpoint({
          apiKeyId: scenario.apiKey.bobs.id,
          url: 'https://attacker.example/steal',
        })
      ).rejects.toThrow(NO_SUCH_KEY)
      expect(
        (await enabledEndpoints(scenario.apiKey.bobs.id)).map((e) => e.url)
      ).toEqual(['https://hooks.bob.example/mms'])
    }
  )

  scenario(
    'refuses http and private addresses outside the sandbox, beside the url field',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const apiKeyId = scenario.apiKey.aliceBare.id
      await expect(
        setWebhookEndpoint({ apiKeyId, url: 'http://hooks.alice.example/' })
      ).rejects.toThrow(HTTPS_ONLY)
      await expect(
        setWebhookEndpoint({ apiKeyId, url: 'https://169.254.169.254/' })
      ).rejects.toMatchObject({
        extensions: {
          properties: {
            messages: {
              url: [
                'The URL names a metadata address; webhooks go only to public addresses.',
              ],
            },
          },
        },
      })
      expect(await enabledEndpoints(apiKeyId)).toEqual([])
    }
  )

  scenario('refuses a revoked key', async (scenario: StandardScenario) => {
    signInAs(scenario)
    await expect(
      setWebhookEndpoint({
        apiKeyId: scenario.apiKey.aliceRevoked.id,
        url: 'https://hooks.alice.example/old',
      })
    ).rejects.toThrow('This key is revoked')
  })

  scenario(
    'refuses a caller using an API key, so a leaked key cannot redirect the webhooks',
    async (scenario: StandardScenario) => {
      callWithApiKey(scenario)
      await expect(
        setWebhookEndpoint({
          apiKeyId: scenario.apiKey.alices.id,
          url: 'https://attacker.example/steal',
        })
      ).rejects.toThrow(ForbiddenError)
      await expect(
        webhookDeliveries({ apiKeyId: scenario.apiKey.alices.id })
      ).rejects.toThrow('Sign in to the app to do that; API keys cannot.')
      await expect(
        resendWebhookDelivery({ id: 'delivery-alice-sent' })
      ).rejects.toThrow(ForbiddenError)
      expect(
        (await enabledEndpoints(scenario.apiKey.alices.id)).map((e) => e.id)
      ).toEqual(['endpoint-alice'])
    }
  )
})

describe('removeWebhookEndpoint', () => {
  scenario(
    'disables the key’s webhook; a second call finds none',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const apiKeyId = scenario.apiKey.alices.id
      const removed = await removeWebhookEndpoint({ apiKeyId })
      expect(removed).toMatchObject({
        id: 'endpoint-alice',
        disabledAt: expect.any(Date),
      })
      expect(await enabledEndpoints(apiKeyId)).toEqual([])
      expect(await removeWebhookEndpoint({ apiKeyId })).toBeNull()
    }
  )

  scenario(
    'does not touch another person’s webhook',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      await expect(
        removeWebhookEndpoint({ apiKeyId: scenario.apiKey.bobs.id })
      ).rejects.toThrow(NO_SUCH_KEY)
      expect(await enabledEndpoints(scenario.apiKey.bobs.id)).toHaveLength(1)
    }
  )
})

describe('webhookDeliveries', () => {
  scenario(
    'lists the key’s deliveries newest first, a page at a time',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const apiKeyId = scenario.apiKey.alices.id
      const all = await webhookDeliveries({ apiKeyId, first: 20 })
      expect(all.nodes.map((d) => d.id)).toEqual([
        'delivery-alice-delivered',
        'delivery-alice-callback',
        'delivery-alice-sent',
      ])
      expect(all.pageInfo).toEqual({
        hasNextPage: false,
        endCursor: 'delivery-alice-sent',
      })

      const first = await webhookDeliveries({ apiKeyId, first: 2 })
      expect(first.pageInfo).toEqual({
        hasNextPage: true,
        endCursor: 'delivery-alice-callback',
      })
      const rest = await webhookDeliveries({
        apiKeyId,
        first: 2,
        after: first.pageInfo.endCursor,
      })
      expect(rest.nodes.map((d) => d.id)).toEqual(['delivery-alice-sent'])
    }
  )

  scenario(
    'refuses another person’s key, and their delivery as a cursor',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      await expect(
        webhookDeliveries({ apiKeyId: scenario.apiKey.bobs.id })
      ).rejects.toThrow(NO_SUCH_KEY)
      await expect(
        webhookDeliveries({
          apiKeyId: scenario.apiKey.alices.id,
          after: 'delivery-bob',
        })
      ).rejects.toThrow('after: This cursor is not a delivery of this key.')
    }
  )

  scenario('refuses a page size out of range', async (scenario) => {
    signInAs(scenario as StandardScenario)
    await expect(
      webhookDeliveries({
        apiKeyId: (scenario as StandardScenario).apiKey.alices.id,
        first: 101,
      })
    ).rejects.toThrow('first: Ask for 1 to 100 deliveries at a time.')
  })

  scenario(
    'describes each delivery: its state, attempts and destination',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const sent = scenario.webhookDelivery.aliceSent as unknown as Row
      expect(await resolve('state', sent)).toBe('DELIVERED')
      expect(await resolve('attemptCount', sent)).toBe(2)
      expect(await resolve('toStatusCallback', sent)).toBe(false)
      expect(
        ((await resolve('attempts', sent)) as Row[]).map((a) => [
          a.number,
          a.responseStatus,
        ])
      ).toEqual([
        [1, 500],
        [2, 200],
      ])
      const callback = scenario.webhookDelivery.aliceCallback as unknown as Row
      expect(await resolve('state', callback)).toBe('PENDING')
      expect(await resolve('toStatusCallback', callback)).toBe(true)
      expect(((await resolve('message', callback)) as Row).id).toBe(
        'alice-message'
      )
    }
  )
})

describe('resendWebhookDelivery', () => {
  scenario(
    'queues the same payload again as a new delivery to the key’s webhook',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const before = Date.now()
      const resent = await resendWebhookDelivery({ id: 'delivery-alice-sent' })

      expect(resent.id).not.toBe('delivery-alice-sent')
      expect(resent).toMatchObject({
        messageId: 'alice-message',
        apiKeyId: scenario.apiKey.alices.id,
        endpointId: 'endpoint-alice',
        url: 'https://hooks.alice.example/mms',
        status: 'SENT',
        payload: scenario.webhookDelivery.aliceSent.payload,
        attempts: 0,
        deliveredAt: null,
        failedAt: null,
      })
      expect(resent.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before - 1)
      // The original stays as it was.
      expect(
        await db.webhookDelivery.findUniqueOrThrow({
          where: { id: 'delivery-alice-sent' },
        })
      ).toEqual(scenario.webhookDelivery.aliceSent)
    }
  )

  scenario(
    'resends to the key’s current URL after it was replaced, and a callback to its own URL',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const { endpoint } = await setWebhookEndpoint({
        apiKeyId: scenario.apiKey.alices.id,
        url: 'https://hooks.alice.example/v2',
      })
      expect(
        await resendWebhookDelivery({ id: 'delivery-alice-sent' })
      ).toMatchObject({ endpointId: endpoint.id, url: endpoint.url })
      expect(
        await resendWebhookDelivery({ id: 'delivery-alice-callback' })
      ).toMatchObject({
        endpointId: null,
        url: 'https://callbacks.alice.example/m/1',
      })
    }
  )

  scenario(
    'refuses when the key has no webhook any more',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      await removeWebhookEndpoint({ apiKeyId: scenario.apiKey.alices.id })
      await expect(
        resendWebhookDelivery({ id: 'delivery-alice-sent' })
      ).rejects.toThrow(
        'id: This key has no webhook now: set its URL, then resend.'
      )
    }
  )

  scenario(
    'answers another person’s delivery as one that does not exist, and sends nothing',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const before = await db.webhookDelivery.count()
      await expect(
        resendWebhookDelivery({ id: 'delivery-bob' })
      ).rejects.toThrow('id: No such webhook delivery.')
      expect(await db.webhookDelivery.count()).toBe(before)
    }
  )
})
