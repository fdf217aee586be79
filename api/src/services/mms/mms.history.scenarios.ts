import type { MmsMessage, Prisma, User } from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

const message = (
  userId: number,
  id: string,
  createdAt: Date,
  status = 'SENT'
): { data: Prisma.MmsMessageCreateManyInput } => ({
  data: {
    id,
    userId,
    provider: 'aws',
    originationIdentity: '+18445550100',
    destinationPhoneNumber: '+12065550100',
    messageBody: 'Hello',
    media: '[]',
    requestHash: 'scenario',
    status,
    attemptCount: 1,
    createdAt,
  },
})

const EARLIER = new Date(Date.UTC(2026, 10, 1, 12, 0, 0, 0))
// Five messages recorded in the same millisecond, as a burst can be.
const BURST = new Date(Date.UTC(2026, 10, 1, 12, 0, 0, 500))
const LATER = new Date(Date.UTC(2026, 10, 1, 12, 0, 1, 0))

export const standard = defineScenario<
  | { data: Prisma.UserCreateManyInput }
  | { data: Prisma.MmsMessageCreateManyInput }
>({
  user: {
    alice: {
      data: { email: 'alice@example.com', hashedPassword: 'x', salt: 'x' },
    },
    bob: { data: { email: 'bob@example.com', hashedPassword: 'x', salt: 'x' } },
  },
  mmsMessage: {
    earlier: (s) => message(s.user.alice.id, 'earlier', EARLIER, 'FAILED'),
    burstA: (s) => message(s.user.alice.id, 'burst-a', BURST),
    burstB: (s) => message(s.user.alice.id, 'burst-b', BURST, 'FAILED'),
    burstC: (s) => message(s.user.alice.id, 'burst-c', BURST),
    burstD: (s) => message(s.user.alice.id, 'burst-d', BURST, 'FAILED'),
    burstE: (s) => message(s.user.alice.id, 'burst-e', BURST),
    later: (s) => message(s.user.alice.id, 'later', LATER),
    bobsInTheBurst: (s) => message(s.user.bob.id, 'burst-bob', BURST),
  },
})

export type StandardScenario = ScenarioData<User, 'user'> &
  ScenarioData<MmsMessage, 'mmsMessage'>
