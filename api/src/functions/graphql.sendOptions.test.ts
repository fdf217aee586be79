import { mockContext, mockHttpEvent } from '@redwoodjs/testing/api'

import { db } from 'src/lib/db'
import {
  ORIGINATION,
  awsMocks,
  photoOf,
} from 'src/lib/restApi/restApi.fixtures'
import { createSendWorker, type SendWorker } from 'src/lib/sendQueue'

import { handler } from './graphql'
import { KEYS, type StandardScenario } from './graphql.sendOptions.scenarios'

// protectConfigurationId and messageFeedbackEnabled through the mutation,
// as the REST endpoint's tests take them through POST /send-mms.

process.env.MMS_ORIGINATION_RATES = `${ORIGINATION}=50`
process.env.MMS_WORKER_POLL_MS = '50'
jest.setTimeout(30_000)

const aws = awsMocks()
let worker: SendWorker

beforeAll(() => {
  worker = createSendWorker().start()
})
afterAll(() => worker?.stop())
beforeEach(() => aws.reset())

const SEND = /* GraphQL */ `
  mutation GraphqlSendOptions_SendMms(
    $destinationPhoneNumber: String!
    $mediaUrls: [String!]
    $messageBody: String
    $protectConfigurationId: String
    $messageFeedbackEnabled: Boolean
    $idempotencyKey: String
  ) {
    sendMms(
      destinationPhoneNumber: $destinationPhoneNumber
      mediaUrls: $mediaUrls
      messageBody: $messageBody
      protectConfigurationId: $protectConfigurationId
      messageFeedbackEnabled: $messageFeedbackEnabled
      idempotencyKey: $idempotencyKey
    ) {
      id
      messageId
      status
      protectConfigurationId
      messageFeedbackEnabled
    }
  }
`

const postGraphQL = async (
  query: string,
  variables: Record<string, unknown>
) => {
  const response = await handler(
    mockHttpEvent({
      httpMethod: 'POST',
      path: '/graphql',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${KEYS.alice}`,
      },
      payload: JSON.stringify({ query, variables }),
    }),
    mockContext()
  )
  return JSON.parse(response.body)
}

describe('sendMms with the send options the mutation lacked', () => {
  scenario(
    'records them, returns them, and sends them as ProtectConfigurationId and MessageFeedbackEnabled',
    async (scenario: StandardScenario) => {
      const image = photoOf(scenario.user.alice.id)
      const result = await postGraphQL(SEND, {
        destinationPhoneNumber: '+12065550123',
        mediaUrls: [image],
        messageBody: 'Protected',
        protectConfigurationId: 'protect-0123456789abcdef',
        messageFeedbackEnabled: true,
      })

      expect(result.errors).toBeUndefined()
      expect(result.data.sendMms).toEqual({
        id: expect.any(String),
        messageId: 'pinpoint-1',
        status: 'SENT',
        protectConfigurationId: 'protect-0123456789abcdef',
        messageFeedbackEnabled: true,
      })
      expect(aws.sends()).toEqual([
        {
          DestinationPhoneNumber: '+12065550123',
          OriginationIdentity: ORIGINATION,
          MessageBody: 'Protected',
          MediaUrls: [image],
          ProtectConfigurationId: 'protect-0123456789abcdef',
          MessageFeedbackEnabled: true,
          Context: { mmsMessageId: result.data.sendMms.id },
        },
      ])

      const read = await postGraphQL(
        /* GraphQL */ `
          query GraphqlSendOptions_Message($id: String!) {
            mmsMessage(id: $id) {
              protectConfigurationId
              messageFeedbackEnabled
            }
          }
        `,
        { id: result.data.sendMms.id }
      )
      expect(read.data.mmsMessage).toEqual({
        protectConfigurationId: 'protect-0123456789abcdef',
        messageFeedbackEnabled: true,
      })
    }
  )

  scenario(
    'refuses a protect configuration id that is not an id or ARN, beside the field, sending nothing',
    async () => {
      const before = await db.mmsMessage.count()
      const result = await postGraphQL(SEND, {
        destinationPhoneNumber: '+12065550123',
        messageBody: 'x',
        protectConfigurationId: 'protect one',
      })
      expect(result.data.sendMms).toBeNull()
      expect(result.errors[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        properties: {
          messages: {
            protectConfigurationId: [
              'A protect configuration is named by its id or ARN: 1 to 256 letters, digits, _ : / or -.',
            ],
          },
        },
      })
      expect(await db.mmsMessage.count()).toBe(before)
      expect(aws.sends()).toHaveLength(0)
    }
  )

  scenario(
    'makes them part of the idempotency fingerprint: a repeat that adds one is refused on idempotencyKey',
    async () => {
      const request = {
        destinationPhoneNumber: '+12065550123',
        messageBody: 'x',
        idempotencyKey: 'graphql-options-1',
      }
      const first = await postGraphQL(SEND, request)
      const repeat = await postGraphQL(SEND, request)
      expect(repeat.data.sendMms.id).toBe(first.data.sendMms.id)

      const changed = await postGraphQL(SEND, {
        ...request,
        messageFeedbackEnabled: true,
      })
      expect(changed.errors[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        properties: { messages: { idempotencyKey: [expect.any(String)] } },
      })
      expect(aws.sends()).toHaveLength(1)
    }
  )
})
