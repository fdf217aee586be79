import type { ApiKey, Prisma, User } from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

export const HOOK_URL = 'https://hooks.example.com/mms'
export const CALLBACK_URL = 'https://callbacks.example.com/orders/42'

export const standard = defineScenario<
  | { data: Prisma.UserCreateManyInput }
  | { data: Prisma.ApiKeyCreateManyInput }
  | { data: Prisma.WebhookEndpointCreateManyInput }
>({
  user: {
    alice: {
      data: { email: 'alice@example.com', hashedPassword: 'x', salt: 'x' },
    },
  },
  apiKey: {
    hooked: (s) => ({
      data: {
        userId: s.user.alice.id,
        name: 'billing service',
        prefix: 'hooked0002',
        hashedKey: 'hash-hooked-2',
      },
    }),
  },
  webhookEndpoint: {
    current: (s) => ({
      data: {
        apiKeyId: s.apiKey.hooked.id,
        url: HOOK_URL,
        secret: 'whsec_alice',
      },
    }),
  },
})

export type StandardScenario = ScenarioData<User, 'user'> &
  ScenarioData<ApiKey, 'apiKey'>
