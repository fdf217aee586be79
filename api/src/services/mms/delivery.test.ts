import { db } from 'src/lib/db'
import { PinpointMmsProvider, createPinpointClient } from 'src/lib/pinpoint'
import {
  awsError,
  networkError,
  stubTransport,
  type StubReply,
} from 'src/lib/testing/stubTransport.fixtures'

import { deliverMessage } from './delivery'
import type { StandardScenario } from './delivery.scenarios'

// The real SDK client and retry strategy over a scripted transport: what is
// retried, and how often, is decided by the SDK exactly as in production.
const providerAnswering = (replies: StubReply[], maxAttempts = 3) => {
  const transport = stubTransport(replies)
  const client = createPinpointClient(
    {
      region: 'us-east-1',
      sendMaxAttempts: maxAttempts,
      sendTimeoutMs: 1000,
      connectTimeoutMs: 1000,
    },
    {
      requestHandler: transport.handler,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }
  )
  return { provider: new PinpointMmsProvider(client), calls: transport.calls }
}

const accepted = (id = 'pinpoint-42'): StubReply => ({
  status: 200,
  body: { MessageId: id },
})

const attemptsOf = (messageId: string) =>
  db.mmsAttempt.findMany({ where: { messageId }, orderBy: { number: 'asc' } })

describe('deliverMessage', () => {
  scenario(
    'sends the recorded message as Pinpoint expects it',
    async (scenario: StandardScenario) => {
      const { provider, calls } = providerAnswering([accepted()])
      const message = await deliverMessage(
        scenario.mmsMessage.alicePending.id,
        provider
      )

      expect(message).toMatchObject({
        status: 'SENT',
        providerMessageId: 'pinpoint-42',
        attemptCount: 1,
        provider: 'aws',
      })
      expect(calls).toEqual([
        {
          target: 'PinpointSMSVoiceV2.SendMediaMessage',
          body: {
            DestinationPhoneNumber: '+12065550100',
            OriginationIdentity: '+18445550100',
            MessageBody: 'Hello',
            MediaUrls: ['s3://mms-media-test/cat.png'],
            Context: { orderId: '42', mmsMessageId: 'msg-pending' },
          },
        },
      ])
    }
  )

  scenario('retries throttling: one row, two attempts', async () => {
    const { provider, calls } = providerAnswering([
      awsError('ThrottlingException', 400),
      accepted(),
    ])
    const rowsBefore = await db.mmsMessage.count()
    const message = await deliverMessage('msg-pending', provider)

    expect(calls).toHaveLength(2)
    expect(message).toMatchObject({
      status: 'SENT',
      attemptCount: 2,
      providerMessageId: 'pinpoint-42',
    })
    expect(await db.mmsMessage.count()).toBe(rowsBefore)
    const attempts = await attemptsOf('msg-pending')
    expect(
      attempts.map(({ number, outcome, httpStatus, errorCode }) => ({
        number,
        outcome,
        httpStatus,
        errorCode,
      }))
    ).toEqual([
      {
        number: 1,
        outcome: 'RETRYABLE',
        httpStatus: 400,
        errorCode: 'ThrottlingException',
      },
      { number: 2, outcome: 'ACCEPTED', httpStatus: 200, errorCode: null },
    ])
    expect(attempts[1].startedAt.getTime()).toBeGreaterThanOrEqual(
      attempts[0].startedAt.getTime()
    )
  })

  scenario(
    'retries 5xx responses up to the attempt limit, then fails',
    async () => {
      const { provider, calls } = providerAnswering([
        awsError('InternalServerException', 500, { RequestId: 'r' }),
      ])
      const message = await deliverMessage('msg-pending', provider)

      expect(calls).toHaveLength(3)
      expect(message).toMatchObject({
        status: 'FAILED',
        errorCode: 'PROVIDER_UNAVAILABLE',
        attemptCount: 3,
      })
      expect((await attemptsOf('msg-pending')).map((a) => a.outcome)).toEqual([
        'RETRYABLE',
        'RETRYABLE',
        'RETRYABLE',
      ])
    }
  )

  scenario('retries a connection that was refused', async () => {
    const { provider, calls } = providerAnswering([
      networkError('ECONNREFUSED', 'TimeoutError'),
      accepted(),
    ])
    const message = await deliverMessage('msg-pending', provider)
    expect(calls).toHaveLength(2)
    expect(message).toMatchObject({ status: 'SENT', attemptCount: 2 })
  })

  scenario('does not retry a refusal', async () => {
    const { provider, calls } = providerAnswering([
      awsError('ValidationException', 400, {
        Reason: 'MEDIA_TYPE_NOT_SUPPORTED',
        Fields: [{ Name: 'MediaUrls', Message: 'x' }],
      }),
      accepted(),
    ])
    const message = await deliverMessage('msg-pending', provider)

    expect(calls).toHaveLength(1)
    expect(message).toMatchObject({
      status: 'FAILED',
      errorCode: 'MEDIA_TYPE_NOT_SUPPORTED',
      attemptCount: 1,
    })
    expect(message.errorMessage).not.toContain('raw AWS text')
    expect((await attemptsOf('msg-pending'))[0]).toMatchObject({
      outcome: 'REJECTED',
      httpStatus: 400,
      errorCode: 'ValidationException',
    })
  })

  scenario('does not retry a timeout: the outcome is unknown', async () => {
    const { provider, calls } = providerAnswering([
      networkError('ETIMEDOUT', 'TimeoutError'),
      accepted(),
    ])
    const message = await deliverMessage('msg-pending', provider)

    expect(calls).toHaveLength(1)
    expect(message).toMatchObject({
      status: 'UNKNOWN',
      errorCode: 'OUTCOME_UNKNOWN',
      attemptCount: 1,
      providerMessageId: null,
    })
    expect((await attemptsOf('msg-pending'))[0]).toMatchObject({
      outcome: 'NO_RESPONSE',
      httpStatus: null,
    })
  })

  scenario('stops retrying once an attempt goes unanswered', async () => {
    const { provider, calls } = providerAnswering([
      awsError('InternalServerException', 500),
      networkError('ECONNRESET'),
      accepted(),
    ])
    const message = await deliverMessage('msg-pending', provider)
    expect(calls).toHaveLength(2)
    expect(message).toMatchObject({ status: 'UNKNOWN', attemptCount: 2 })
  })

  scenario(
    'sends a message only once, however often it is delivered',
    async () => {
      const { provider, calls } = providerAnswering([accepted()])
      await deliverMessage('msg-pending', provider)
      const again = await deliverMessage('msg-pending', provider)
      expect(calls).toHaveLength(1)
      expect(again.status).toBe('SENT')
    }
  )

  scenario(
    'leaves a message that is not pending alone',
    async (scenario: StandardScenario) => {
      const { provider, calls } = providerAnswering([accepted('other')])
      const message = await deliverMessage(
        scenario.mmsMessage.aliceFailed.id,
        provider
      )
      expect(calls).toHaveLength(0)
      expect(message.status).toBe('FAILED')
    }
  )
})
