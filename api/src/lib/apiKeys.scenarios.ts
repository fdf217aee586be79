import type { ApiKey, Prisma, User } from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

import { hashApiKey } from './apiKeys'

/** The whole keys behind the fixtures' hashes; only the hashes are stored. */
export const ACTIVE_KEY_SECRET = `mms_active0001_${'A1b2C3d4E5'.repeat(4)}x-_`
export const REVOKED_KEY_SECRET = `mms_revoked001_${'Z9y8X7w6V5'.repeat(4)}_-q`

export const standard = defineScenario<
  Prisma.UserCreateArgs | Prisma.ApiKeyCreateArgs
>({
  user: {
    carol: {
      data: { email: 'carol@example.com', hashedPassword: 'x', salt: 'x' },
    },
  },
  apiKey: {
    active: (scenario) => ({
      data: {
        userId: scenario.user.carol.id,
        name: 'reporting job',
        prefix: 'active0001',
        hashedKey: hashApiKey(ACTIVE_KEY_SECRET),
      },
    }),
    revoked: (scenario) => ({
      data: {
        userId: scenario.user.carol.id,
        name: 'old integration',
        prefix: 'revoked001',
        hashedKey: hashApiKey(REVOKED_KEY_SECRET),
        revokedAt: new Date(Date.UTC(2026, 0, 15, 9, 30)),
      },
    }),
  },
})

export type StandardScenario = ScenarioData<User, 'user'> &
  ScenarioData<ApiKey, 'apiKey'>
