import type { Prisma, User } from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

/** One sender; the test records its batch through sendMms. */
export const standard = defineScenario<Prisma.UserCreateArgs>({
  user: {
    alice: {
      data: { email: 'alice@example.com', hashedPassword: 'x', salt: 'x' },
    },
  },
})

export type StandardScenario = ScenarioData<User, 'user'>
