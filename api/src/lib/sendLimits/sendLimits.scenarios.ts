import type { ApiKey, Prisma, User } from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

const user = (email: string) => ({
  data: { email, hashedPassword: 'x', salt: 'x' },
})

const key = (userId: number, prefix: string) => ({
  data: { userId, name: prefix, prefix, hashedKey: `hash-${prefix}` },
})

export const standard = defineScenario<
  Prisma.UserCreateArgs | Prisma.ApiKeyCreateArgs
>({
  user: {
    alice: user('alice@example.com'),
    bob: user('bob@example.com'),
  },
  apiKey: {
    billing: (s) => key(s.user.alice.id, 'billing001'),
    reports: (s) => key(s.user.alice.id, 'reports001'),
  },
})

export type StandardScenario = ScenarioData<User, 'user'> &
  ScenarioData<ApiKey, 'apiKey'>
