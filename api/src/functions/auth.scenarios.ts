import type { Prisma, User } from '@prisma/client'

import { hashPassword } from '@redwoodjs/auth-dbauth-api'
import type { ScenarioData } from '@redwoodjs/testing/api'

export const ADMIN_PASSWORD = 'admin-password-1'
export const MEMBER_PASSWORD = 'member-password-1'

// Hashed by dbAuth's own function: accounts made before sessions moved to the
// server keep their passwords.
const [adminHash, adminSalt] = hashPassword(ADMIN_PASSWORD)
const [memberHash, memberSalt] = hashPassword(MEMBER_PASSWORD)

export const standard = defineScenario<Prisma.UserCreateArgs>({
  user: {
    admin: {
      data: {
        email: 'admin@example.com',
        role: 'ADMIN',
        hashedPassword: adminHash,
        salt: adminSalt,
      },
    },
    member: {
      data: {
        email: 'member@example.com',
        role: 'MEMBER',
        hashedPassword: memberHash,
        salt: memberSalt,
      },
    },
  },
})

export type StandardScenario = ScenarioData<User, 'user'>
