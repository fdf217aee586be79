import type { MmsMessage, Prisma, User } from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

import { messageRow } from './sendQueue.fixtures'

// Times relative to when the scenario is seeded: waitForSend reads the clock.
const fromNow = (ms: number) => new Date(Date.now() + ms)

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
    due: (s) =>
      messageRow(s.user.alice.id, { id: 'due', nextAttemptAt: fromNow(0) }),
    farBehind: (s) =>
      messageRow(s.user.alice.id, {
        id: 'far-behind',
        nextAttemptAt: fromNow(60_000),
      }),
  },
})

export type StandardScenario = ScenarioData<User, 'user'> &
  ScenarioData<MmsMessage, 'mmsMessage'>
