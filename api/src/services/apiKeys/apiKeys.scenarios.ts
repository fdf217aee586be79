import type { ApiKey, Prisma, User } from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

import { hashApiKey } from 'src/lib/apiKeys'

const at = (day: number) => new Date(Date.UTC(2026, 0, day, 12, 0))

/** The whole key a fixture's hash was made from (only the hash is stored). */
export const fixtureSecret = (prefix: string) =>
  `mms_${prefix}_${'k'.repeat(43)}`

/** When aliceRevoked was revoked; a second revoke must keep it. */
export const ALICE_REVOKED_AT = new Date(Date.UTC(2026, 0, 20, 8, 15))

export const standard = defineScenario<
  Prisma.UserCreateArgs | Prisma.ApiKeyCreateArgs
>({
  user: {
    alice: {
      data: { email: 'alice@example.com', hashedPassword: 'x', salt: 'x' },
    },
    bob: { data: { email: 'bob@example.com', hashedPassword: 'x', salt: 'x' } },
  },
  apiKey: {
    aliceOldest: (s) => ({
      data: {
        userId: s.user.alice.id,
        name: 'billing service',
        prefix: 'aliceold01',
        hashedKey: hashApiKey(fixtureSecret('aliceold01')),
        createdAt: at(1),
      },
    }),
    aliceRevoked: (s) => ({
      data: {
        userId: s.user.alice.id,
        name: 'retired cron job',
        prefix: 'alicerev01',
        hashedKey: hashApiKey(fixtureSecret('alicerev01')),
        createdAt: at(2),
        revokedAt: ALICE_REVOKED_AT,
      },
    }),
    aliceNewest: (s) => ({
      data: {
        userId: s.user.alice.id,
        name: 'reporting',
        prefix: 'alicenew01',
        hashedKey: hashApiKey(fixtureSecret('alicenew01')),
        createdAt: at(3),
      },
    }),
    bobs: (s) => ({
      data: {
        userId: s.user.bob.id,
        name: 'bob’s integration',
        prefix: 'bobkey0001',
        hashedKey: hashApiKey(fixtureSecret('bobkey0001')),
        createdAt: at(4),
      },
    }),
  },
})

export type StandardScenario = ScenarioData<User, 'user'> &
  ScenarioData<ApiKey, 'apiKey'>
