import type { MmsMessage, Prisma, User } from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

import { at, messageRow } from './sendQueue.fixtures'

// Messages worker-a claimed a moment before NOW, as they stand when its
// send comes due: still its own, or moved on meanwhile.
const claimedBy = (owner: string) => ({
  leaseOwner: owner,
  leaseExpiresAt: at(30_000),
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
    mine: (s) =>
      messageRow(s.user.alice.id, { id: 'mine', ...claimedBy('worker-a') }),
    takenOver: (s) =>
      messageRow(s.user.alice.id, {
        id: 'taken-over',
        ...claimedBy('worker-b'),
      }),
    sentMeanwhile: (s) =>
      messageRow(s.user.alice.id, {
        id: 'sent-meanwhile',
        status: 'SENT',
        nextAttemptAt: null,
        attemptCount: 1,
        providerMessageId: 'pinpoint-other',
        ...claimedBy('worker-a'),
      }),
    expiredMine: (s) =>
      messageRow(s.user.alice.id, {
        id: 'expired-mine',
        expiresAt: at(-1),
        ...claimedBy('worker-a'),
      }),
    expiredTakenOver: (s) =>
      messageRow(s.user.alice.id, {
        id: 'expired-taken-over',
        expiresAt: at(-1),
        ...claimedBy('worker-b'),
      }),
  },
})

export type StandardScenario = ScenarioData<User, 'user'> &
  ScenarioData<MmsMessage, 'mmsMessage'>
