import type { Prisma, User } from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

import { DEMO_USER_EMAIL } from './demoAccount'

export const standard = defineScenario<Prisma.UserCreateArgs>({
  user: {
    alice: {
      data: { email: 'alice@example.com', hashedPassword: 'x', salt: 'x' },
    },
  },
})

/** A production database someone ran the sandbox seed against. */
export const demoPresent = defineScenario<Prisma.UserCreateArgs>({
  user: {
    demo: { data: { email: DEMO_USER_EMAIL, hashedPassword: 'x', salt: 'x' } },
  },
})

export type HealthScenario = ScenarioData<User, 'user'>
