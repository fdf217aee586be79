import type { MmsAttempt, MmsMessage, Prisma, User } from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

import { at, messageRow, startedAttemptRow } from './sendQueue.fixtures'

/** A message worker-a started sending at NOW, with `overrides`. */
const started = (
  userId: number,
  overrides: Partial<Prisma.MmsMessageCreateManyInput>
) =>
  messageRow(userId, {
    status: 'SENDING',
    nextAttemptAt: null,
    attemptCount: 1,
    leaseOwner: 'worker-a',
    leaseExpiresAt: at(60_000),
    ...overrides,
  })

// Each message as it stands when worker-a's answer for attempt 1 comes back.
export const standard = defineScenario<
  | { data: Prisma.UserCreateManyInput }
  | { data: Prisma.MmsMessageCreateManyInput }
  | { data: Prisma.MmsAttemptCreateManyInput }
>({
  user: {
    alice: {
      data: { email: 'alice@example.com', hashedPassword: 'x', salt: 'x' },
    },
  },
  mmsMessage: {
    sending: (s) => started(s.user.alice.id, { id: 'sending' }),
    // A delivery event arrived before the send's answer was recorded.
    delivered: (s) =>
      started(s.user.alice.id, {
        id: 'delivered',
        status: 'DELIVERED',
        leaseOwner: null,
        leaseExpiresAt: null,
      }),
    // The lease ran out mid-request and the sweep ended it UNKNOWN.
    givenUp: (s) =>
      started(s.user.alice.id, {
        id: 'given-up',
        status: 'UNKNOWN',
        errorCode: 'OUTCOME_UNKNOWN',
        errorMessage: 'The provider did not answer in time.',
        leaseOwner: null,
        leaseExpiresAt: null,
      }),
    nearItsDeadline: (s) =>
      started(s.user.alice.id, { id: 'near-deadline', expiresAt: at(500) }),
  },
  mmsAttempt: {
    sending: (s) => startedAttemptRow(s.mmsMessage.sending.id),
    delivered: (s) => startedAttemptRow(s.mmsMessage.delivered.id),
    givenUp: (s) => startedAttemptRow(s.mmsMessage.givenUp.id),
    nearItsDeadline: (s) => startedAttemptRow(s.mmsMessage.nearItsDeadline.id),
  },
})

export type StandardScenario = ScenarioData<User, 'user'> &
  ScenarioData<MmsMessage, 'mmsMessage'> &
  ScenarioData<MmsAttempt, 'mmsAttempt'>
