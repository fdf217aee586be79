import {
  PinpointSMSVoiceV2Client,
  SendMediaMessageCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'

import { mockContext, mockHttpEvent } from '@redwoodjs/testing/api'

import { db } from 'src/lib/db'

import { handler } from './graphql'
import {
  ALICE_KEY_SECRET,
  REVOKED_KEY_SECRET,
  type StandardScenario,
} from './graphql.scenarios'

const pinpoint = mockClient(PinpointSMSVoiceV2Client)
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
const GUIDE_VARIABLES = {
  destinationPhoneNumber: '+12065550123',
  mediaUrls: ['s3://mms-media-test/photos/cat.jpg'],
  messageBody: 'Hello from Redwood',
}

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
        { query: GUIDE_MUTATION, variables: GUIDE_VARIABLES },
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
        MediaUrls: ['s3://mms-media-test/photos/cat.jpg'],
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
    async () => {
      const before = await db.mmsMessage.count()
      const result = await postGraphQL({
        query: GUIDE_MUTATION,
        variables: GUIDE_VARIABLES,
      })
      expect(result.data).toBeNull()
      expect(result.errors[0].extensions.code).toBe('UNAUTHENTICATED')
      expect(await db.mmsMessage.count()).toBe(before)
      expect(pinpoint.calls()).toHaveLength(0)
    }
  )

  scenario('refuses an unknown API key', async () => {
    const result = await postGraphQL(
      { query: GUIDE_MUTATION, variables: GUIDE_VARIABLES },
      bearer(`mms_alice00001_${'b'.repeat(43)}`)
    )
    expect(result.errors[0].extensions.code).toBe('UNAUTHENTICATED')
    expect(pinpoint.calls()).toHaveLength(0)
  })

  scenario('withRevokedKey', 'refuses a revoked API key', async () => {
    const result = await postGraphQL(
      { query: GUIDE_MUTATION, variables: GUIDE_VARIABLES },
      bearer(REVOKED_KEY_SECRET)
    )
    expect(result.errors[0].extensions.code).toBe('UNAUTHENTICATED')
    expect(await db.mmsMessage.count()).toBe(0)
  })

  scenario('does not take a key sent under another auth provider', async () => {
    const result = await postGraphQL(
      { query: GUIDE_MUTATION, variables: GUIDE_VARIABLES },
      { ...bearer(ALICE_KEY_SECRET), 'auth-provider': 'dbAuth' }
    )
    expect(result.errors[0].extensions.code).toBe('UNAUTHENTICATED')
    expect(pinpoint.calls()).toHaveLength(0)
  })

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

  scenario('reports invalid input per field, as forms expect', async () => {
    const result = await postGraphQL(
      {
        query: GUIDE_MUTATION,
        variables: { ...GUIDE_VARIABLES, destinationPhoneNumber: '555-0123' },
      },
      bearer(ALICE_KEY_SECRET)
    )
    expect(result.errors[0].extensions.code).toBe('BAD_USER_INPUT')
    expect(
      result.errors[0].extensions.properties.messages.destinationPhoneNumber[0]
    ).toMatch(/international format/)
  })

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
