import type { MmsMessage, Prisma, User } from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

const message = (
  userId: number,
  overrides: Partial<Prisma.MmsMessageCreateManyInput>
): { data: Prisma.MmsMessageCreateManyInput } => ({
  data: {
    userId,
    provider: 'aws',
    originationIdentity: '+18445550100',
    destinationPhoneNumber: '+12065550123',
    messageBody: 'Your order has shipped',
    media: '[]',
    requestHash: 'scenario',
    status: 'SENT',
    attemptCount: 1,
    sentAt: new Date('2026-11-23T12:00:00.000Z'),
    ...overrides,
  },
})

export const standard = defineScenario<
  | { data: Prisma.UserCreateManyInput }
  | { data: Prisma.MmsMessageCreateManyInput }
>({
  user: {
    alice: {
      data: { email: 'alice@example.com', hashedPassword: 'x', salt: 'x' },
    },
  },
  mmsMessage: {
    sent: (s) =>
      message(s.user.alice.id, {
        id: 'msg-sent',
        providerMessageId: 'aws-sent-1',
      }),
    delivered: (s) =>
      message(s.user.alice.id, {
        id: 'msg-delivered',
        providerMessageId: 'aws-delivered-1',
        status: 'DELIVERED',
      }),
    // The send timed out: AWS may have accepted it, but its MessageId was lost.
    unknown: (s) =>
      message(s.user.alice.id, {
        id: 'msg-unknown',
        providerMessageId: null,
        status: 'UNKNOWN',
        sentAt: null,
        errorCode: 'OUTCOME_UNKNOWN',
        errorMessage:
          'The provider did not answer in time, so it is not known whether the message was sent. It was not retried, to avoid a duplicate.',
      }),
    queued: (s) =>
      message(s.user.alice.id, {
        id: 'msg-queued',
        providerMessageId: null,
        status: 'QUEUED',
        attemptCount: 0,
        sentAt: null,
      }),
  },
})

export type StandardScenario = ScenarioData<User, 'user'> &
  ScenarioData<MmsMessage, 'mmsMessage'>
