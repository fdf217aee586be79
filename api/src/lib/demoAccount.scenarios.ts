import type { ApiKey, Prisma, User } from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

import { hashApiKey } from './apiKeys'
import { DEMO_API_KEY_PREFIX, DEMO_USER_EMAIL } from './demoAccount'

const DEMO_KEY_SECRET = `mms_${DEMO_API_KEY_PREFIX}_${'D3m0k3y'.repeat(6)}x`

const alice = {
  data: { email: 'alice@example.com', hashedPassword: 'x', salt: 'x' },
}

/** A database with real users only. */
export const clean = defineScenario<Prisma.UserCreateArgs>({
  user: { alice },
})

/** The demo account, with its key, as the sandbox seed leaves it. */
export const demoAccount = defineScenario<
  Prisma.UserCreateArgs | Prisma.ApiKeyCreateArgs
>({
  user: {
    alice,
    demo: { data: { email: DEMO_USER_EMAIL, hashedPassword: 'x', salt: 'x' } },
  },
  apiKey: {
    demo: (scenario) => ({
      data: {
        userId: scenario.user.demo.id,
        name: 'demo key',
        prefix: DEMO_API_KEY_PREFIX,
        hashedKey: hashApiKey(DEMO_KEY_SECRET),
      },
    }),
  },
})

/** The demo key, revoked and moved to a real user: still refused. */
export const demoKeyOnly = defineScenario<
  Prisma.UserCreateArgs | Prisma.ApiKeyCreateArgs
>({
  user: { alice },
  apiKey: {
    demo: (scenario) => ({
      data: {
        userId: scenario.user.alice.id,
        name: 'demo key',
        prefix: DEMO_API_KEY_PREFIX,
        hashedKey: hashApiKey(DEMO_KEY_SECRET),
        revokedAt: new Date(Date.UTC(2026, 0, 15, 9, 30)),
      },
    }),
  },
})

export type DemoScenario = ScenarioData<User, 'user'> &
  ScenarioData<ApiKey, 'apiKey'>
