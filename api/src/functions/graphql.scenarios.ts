import type { Prisma } from '@prisma/client'

import { hashApiKey } from 'src/lib/apiKeys'
import { standard as mmsStandard } from 'src/services/mms/mms.scenarios'

export {
  ALICE_KEY_SECRET,
  type StandardScenario,
} from 'src/services/mms/mms.scenarios'

export const REVOKED_KEY_SECRET = `mms_revoked001_${'r'.repeat(43)}`

export const standard = mmsStandard

export const withRevokedKey = defineScenario<Prisma.UserCreateArgs>({
  user: {
    carol: {
      data: {
        email: 'carol@example.com',
        hashedPassword: 'x',
        salt: 'x',
        apiKeys: {
          create: {
            name: 'old deploy',
            prefix: 'revoked001',
            hashedKey: hashApiKey(REVOKED_KEY_SECRET),
            revokedAt: new Date('2026-11-01T00:00:00Z'),
          },
        },
      },
    },
  },
})
