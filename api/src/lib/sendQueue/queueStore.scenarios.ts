import type { MmsMessage, Prisma, User } from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

import { at, messageRow } from './sendQueue.fixtures'

// The queue at NOW (sendQueue.fixtures.ts), as workers left it.
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
    dueFirst: (s) =>
      messageRow(s.user.alice.id, {
        id: 'due-first',
        nextAttemptAt: at(-2_000),
      }),
    dueSecond: (s) =>
      messageRow(s.user.alice.id, {
        id: 'due-second',
        nextAttemptAt: at(-1_000),
      }),
    dueSoon: (s) =>
      messageRow(s.user.alice.id, { id: 'due-soon', nextAttemptAt: at(500) }),
    later: (s) =>
      messageRow(s.user.alice.id, { id: 'later', nextAttemptAt: at(60_000) }),
    heldByAnother: (s) =>
      messageRow(s.user.alice.id, {
        id: 'held-by-another',
        nextAttemptAt: at(-500),
        leaseOwner: 'worker-b',
        leaseExpiresAt: at(30_000),
      }),
    heldByTheDead: (s) =>
      messageRow(s.user.alice.id, {
        id: 'held-by-the-dead',
        nextAttemptAt: at(-500),
        leaseOwner: 'worker-dead',
        leaseExpiresAt: at(-1),
      }),
    sendingLive: (s) =>
      messageRow(s.user.alice.id, {
        id: 'sending-live',
        status: 'SENDING',
        nextAttemptAt: null,
        attemptCount: 1,
        leaseOwner: 'worker-b',
        leaseExpiresAt: at(30_000),
      }),
    sendingAbandoned: (s) =>
      messageRow(s.user.alice.id, {
        id: 'sending-abandoned',
        status: 'SENDING',
        nextAttemptAt: null,
        attemptCount: 1,
        leaseOwner: 'worker-dead',
        leaseExpiresAt: at(-1),
      }),
    sent: (s) =>
      messageRow(s.user.alice.id, {
        id: 'sent',
        status: 'SENT',
        nextAttemptAt: null,
        attemptCount: 1,
        providerMessageId: 'pinpoint-sent',
        leaseExpiresAt: at(-60_000),
      }),
  },
})

export type StandardScenario = ScenarioData<User, 'user'> &
  ScenarioData<MmsMessage, 'mmsMessage'>
