import {
  DescribePhoneNumbersCommand,
  PinpointSMSVoiceV2Client,
  SendMediaMessageCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'

import { mockContext, mockHttpEvent } from '@redwoodjs/testing/api'

import { db } from 'src/lib/db'
import { freezeClockAt } from 'src/lib/sendLimits/clock.fixtures'
import { runSendWorkerDuringTests } from 'src/lib/sendQueue/testWorker.fixtures'

import { handler } from './graphql'
import {
  ALICE_KEY_SECRET,
  REVOKED_KEY_SECRET,
  type StandardScenario,
} from './graphql.scenarios'

const pinpoint = mockClient(PinpointSMSVoiceV2Client)

// sendMms queues; a worker here sends, as in the api server.
runSendWorkerDuringTests()
const s3 = mockClient(S3Client)

// The call exactly as the Redwood + Pinpoint guide writes it.
const GUIDE_MUTATION = /* GraphQL */ `
  mutation SendMms(
    $destinationPhoneNumber: String!
    $mediaUrls: [String!]
    $messageBody: String
  ) {
    sendMms(
      destinationPhoneNumber: $destinationPhoneNumber
      mediaUrls: $mediaUrls
      messageBody: $messageBody
    ) {
      messageId
    }
  }
`
/** A photo the user uploaded (createMediaUpload's key): theirs to send. */
const photoOf = (userId: number) =>
  `s3://mms-media-test/uploads/${userId}/5d1c3b2a-9e8f-4a7b-8c6d-1e2f3a4b5c6d/cat.jpg`
const guideVariables = (userId: number) => ({
  destinationPhoneNumber: '+12065550123',
  mediaUrls: [photoOf(userId)],
  messageBody: 'Hello from Redwood',
})

const postGraphQL = async (
  body: { query: string; variables?: Record<string, unknown> },
  headers: Record<string, string> = {}
) => {
  const response = await handler(
    mockHttpEvent({
      httpMethod: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body),
    }),
    mockContext()
  )
  return JSON.parse(response.body)
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` })

beforeEach(() => {
  pinpoint.reset()
  // The account's numbers report no limit: the configured rate applies.
  pinpoint.on(DescribePhoneNumbersCommand).resolves({ PhoneNumbers: [] })
  s3.reset()
  pinpoint
    .on(SendMediaMessageCommand)
    .resolves({ MessageId: 'pinpoint-guide-1' })
  s3.on(HeadObjectCommand).resolves({
    ContentType: 'image/jpeg',
    ContentLength: 120_000,
  })
})

describe('the GraphQL endpoint', () => {
  scenario(
    'runs the guide’s mutation unchanged with an API key',
    async (scenario: StandardScenario) => {
      const result = await postGraphQL(
        {
          query: GUIDE_MUTATION,
          variables: guideVariables(scenario.user.alice.id),
        },
        bearer(ALICE_KEY_SECRET)
      )

      expect(result.errors).toBeUndefined()
      expect(result.data).toEqual({
        sendMms: { messageId: 'pinpoint-guide-1' },
      })
      const row = await db.mmsMessage.findFirst({
        where: { providerMessageId: 'pinpoint-guide-1' },
      })
      expect(row).toMatchObject({
        userId: scenario.user.alice.id,
        apiKeyId: scenario.apiKey.alicesKey.id,
        status: 'SENT',
      })
      expect(
        pinpoint.commandCalls(SendMediaMessageCommand)[0].args[0].input
      ).toMatchObject({
        DestinationPhoneNumber: '+12065550123',
        MediaUrls: [photoOf(scenario.user.alice.id)],
        MessageBody: 'Hello from Redwood',
      })
    }
  )

  scenario('returns the recorded message fields a caller selects', async () => {
    const result = await postGraphQL(
      {
        query: `mutation { sendMms(destinationPhoneNumber: "+12065550123", messageBody: "hi") {
          id messageId status attemptCount errorCode createdAt media { url } } }`,
      },
      bearer(ALICE_KEY_SECRET)
    )
    expect(result.errors).toBeUndefined()
    expect(result.data.sendMms).toMatchObject({
      messageId: 'pinpoint-guide-1',
      status: 'SENT',
      attemptCount: 1,
      errorCode: null,
      media: [],
    })
    expect(new Date(result.data.sendMms.createdAt).getTime()).not.toBeNaN()
  })

  scenario(
    'refuses a call with no credentials, recording nothing',
    async (scenario: StandardScenario) => {
      const before = await db.mmsMessage.count()
      const result = await postGraphQL({
        query: GUIDE_MUTATION,
        variables: guideVariables(scenario.user.alice.id),
      })
      expect(result.data).toEqual({ sendMms: null })
      expect(result.errors[0].extensions.code).toBe('UNAUTHENTICATED')
      expect(await db.mmsMessage.count()).toBe(before)
      expect(pinpoint.calls()).toHaveLength(0)
    }
  )

  scenario('refuses an unknown API key', async (scenario: StandardScenario) => {
    const result = await postGraphQL(
      {
        query: GUIDE_MUTATION,
        variables: guideVariables(scenario.user.alice.id),
      },
      bearer(`mms_alice00001_${'b'.repeat(43)}`)
    )
    expect(result.errors[0].extensions.code).toBe('UNAUTHENTICATED')
    expect(pinpoint.calls()).toHaveLength(0)
  })

  scenario('withRevokedKey', 'refuses a revoked API key', async (scenario) => {
    const result = await postGraphQL(
      {
        query: GUIDE_MUTATION,
        variables: guideVariables(scenario.user.carol.id),
      },
      bearer(REVOKED_KEY_SECRET)
    )
    expect(result.errors[0].extensions.code).toBe('UNAUTHENTICATED')
    expect(await db.mmsMessage.count()).toBe(0)
  })

  scenario(
    'does not take a key sent under another auth provider',
    async (scenario: StandardScenario) => {
      const result = await postGraphQL(
        {
          query: GUIDE_MUTATION,
          variables: guideVariables(scenario.user.alice.id),
        },
        { ...bearer(ALICE_KEY_SECRET), 'auth-provider': 'dbAuth' }
      )
      expect(result.errors[0].extensions.code).toBe('UNAUTHENTICATED')
      expect(pinpoint.calls()).toHaveLength(0)
    }
  )

  scenario(
    'takes only the key when the request names the api-key provider',
    async () => {
      const result = await postGraphQL(
        { query: '{ mmsMessages { nodes { id } } }' },
        {
          ...bearer(`mms_alice00001_${'b'.repeat(43)}`),
          'auth-provider': 'api-key',
        }
      )
      expect(result.errors[0].extensions.code).toBe('UNAUTHENTICATED')

      const accepted = await postGraphQL(
        { query: '{ mmsMessages(first: 1) { nodes { id } } }' },
        { ...bearer(ALICE_KEY_SECRET), 'auth-provider': 'api-key' }
      )
      expect(accepted.data.mmsMessages.nodes).toEqual([{ id: 'msg-a3' }])
    }
  )

  scenario(
    'records when a key was last used',
    async (scenario: StandardScenario) => {
      await postGraphQL(
        { query: '{ mmsMessages { nodes { id } } }' },
        bearer(ALICE_KEY_SECRET)
      )
      // The timestamp is written without holding up the call.
      await new Promise((resolve) => setTimeout(resolve, 100))
      const key = await db.apiKey.findUnique({
        where: { id: scenario.apiKey.alicesKey.id },
      })
      expect(key.lastUsedAt).toBeInstanceOf(Date)
    }
  )

  scenario(
    'reports invalid input per field, as forms expect',
    async (scenario: StandardScenario) => {
      const result = await postGraphQL(
        {
          query: GUIDE_MUTATION,
          variables: {
            ...guideVariables(scenario.user.alice.id),
            destinationPhoneNumber: '555-0123',
          },
        },
        bearer(ALICE_KEY_SECRET)
      )
      expect(result.errors[0].extensions.code).toBe('BAD_USER_INPUT')
      expect(
        result.errors[0].extensions.properties.messages
          .destinationPhoneNumber[0]
      ).toMatch(/international format/)
    }
  )

  scenario(
    'shows a caller only their own history',
    async (scenario: StandardScenario) => {
      const result = await postGraphQL(
        {
          query:
            '{ mmsMessages(first: 10) { nodes { id } pageInfo { hasNextPage } } }',
        },
        bearer(ALICE_KEY_SECRET)
      )
      const ids = result.data.mmsMessages.nodes.map((n: { id: string }) => n.id)
      expect(ids).toEqual(['msg-a3', 'msg-a2', 'msg-a1', 'msg-pending'])
      expect(ids).not.toContain(scenario.mmsMessage.bobs.id)
    }
  )
})

describe('sending limits through the endpoint', () => {
  // Mid-minute, so that no minute boundary falls among the sends.
  const NOW = '2026-11-23T10:15:30.250Z'

  beforeEach(() => {
    freezeClockAt(NOW)
  })

  afterEach(() => {
    jest.useRealTimers()
  })

  /** One request with `count` aliased sendMms fields, s0 … s<count-1>. */
  const aliasFlood = (count: number) =>
    `mutation Flood { ${Array.from(
      { length: count },
      (_, i) =>
        `s${i}: sendMms(destinationPhoneNumber: "+12065550123", messageBody: "flood ${i}") { id status }`
    ).join(' ')} }`

  scenario(
    'an alias flood counts every alias: 12 sends in one request against 5 a minute send exactly 5',
    async (scenario: StandardScenario) => {
      await db.user.update({
        where: { id: scenario.user.alice.id },
        data: { sendRatePerMinute: 5 },
      })
      const before = await db.mmsMessage.count()

      const result = await postGraphQL(
        { query: aliasFlood(12) },
        bearer(ALICE_KEY_SECRET)
      )

      const aliases = Array.from({ length: 12 }, (_, i) => `s${i}`)
      const sent = aliases.filter((alias) => result.data[alias] !== null)
      expect(sent).toEqual(['s0', 's1', 's2', 's3', 's4'])
      for (const alias of sent) {
        expect(result.data[alias]).toEqual({
          id: expect.any(String),
          status: 'SENT',
        })
      }
      expect(result.errors).toHaveLength(7)
      for (const error of result.errors) {
        expect(error.extensions).toEqual({
          code: 'RATE_LIMITED',
          scope: 'USER',
          limit: 5,
          retryAfterSeconds: 30,
          retryAt: '2026-11-23T10:16:00.000Z',
        })
        expect(error.message).toBe(
          'Sending rate reached: your account may send 5 messages a minute. Nothing was sent. Try again in 30 seconds, after 2026-11-23T10:16:00.000Z.'
        )
      }
      expect((await db.mmsMessage.count()) - before).toBe(5)
      expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(5)
    }
  )

  scenario(
    'a UK number is refused beside the number, and nothing is recorded',
    async (scenario: StandardScenario) => {
      const before = await db.mmsMessage.count()
      const result = await postGraphQL(
        {
          query: GUIDE_MUTATION,
          variables: {
            ...guideVariables(scenario.user.alice.id),
            destinationPhoneNumber: '+447400123456',
          },
        },
        bearer(ALICE_KEY_SECRET)
      )
      expect(result.errors[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        properties: {
          messages: {
            destinationPhoneNumber: [
              'This number is in United Kingdom (GB); messages can be sent only to United States (US), Canada (CA).',
            ],
          },
        },
      })
      expect(await db.mmsMessage.count()).toBe(before)
      expect(pinpoint.calls()).toHaveLength(0)
    }
  )

  scenario(
    'another user’s upload is answered as a missing file, without asking S3',
    async (scenario: StandardScenario) => {
      const result = await postGraphQL(
        {
          query: GUIDE_MUTATION,
          variables: guideVariables(scenario.user.bob.id),
        },
        bearer(ALICE_KEY_SECRET)
      )
      expect(result.errors[0].extensions.properties.messages).toEqual({
        mediaUrls: [`There is no file at ${photoOf(scenario.user.bob.id)}.`],
      })
      expect(s3.calls()).toHaveLength(0)
      expect(pinpoint.calls()).toHaveLength(0)
    }
  )
})
