import type { ApiKey, MmsMessage, Prisma, User } from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

import { hashApiKey } from 'src/lib/apiKeys'

export const ALICE_KEY_SECRET = `mms_alice00001_${'a'.repeat(43)}`

const message = (
  userId: number,
  overrides: Partial<Prisma.MmsMessageCreateManyInput>
): { data: Prisma.MmsMessageCreateManyInput } => ({
  data: {
    userId,
    provider: 'aws',
    originationIdentity: '+18445550100',
    destinationPhoneNumber: '+12065550100',
    messageBody: 'Hello',
    media: '[]',
    requestHash: 'scenario',
    status: 'SENT',
    providerMessageId: `pinpoint-${overrides.id}`,
    attemptCount: 1,
    ...overrides,
  },
})

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 12, minute))

// Each row by its columns alone: defineScenario deep-computes its type
// argument, and the full create arguments of three models take TypeScript past
// its instantiation limit (TS2589).
export const standard = defineScenario<
  | { data: Prisma.UserCreateManyInput }
  | { data: Prisma.ApiKeyCreateManyInput }
  | { data: Prisma.MmsMessageCreateManyInput }
>({
  user: {
    alice: {
      data: { email: 'alice@example.com', hashedPassword: 'x', salt: 'x' },
    },
    bob: { data: { email: 'bob@example.com', hashedPassword: 'x', salt: 'x' } },
  },
  apiKey: {
    alicesKey: (scenario) => ({
      data: {
        userId: scenario.user.alice.id,
        name: 'billing service',
        prefix: 'alice00001',
        hashedKey: hashApiKey(ALICE_KEY_SECRET),
      },
    }),
  },
  mmsMessage: {
    aliceOldest: (s) =>
      message(s.user.alice.id, { id: 'msg-a1', createdAt: at(1) }),
    aliceFailed: (s) =>
      message(s.user.alice.id, {
        id: 'msg-a2',
        createdAt: at(2),
        status: 'FAILED',
        providerMessageId: null,
        errorCode: 'DESTINATION_OPTED_OUT',
        errorMessage:
          'The recipient has opted out of messages from this sender.',
      }),
    aliceNewest: (s) =>
      message(s.user.alice.id, { id: 'msg-a3', createdAt: at(3) }),
    bobs: (s) => message(s.user.bob.id, { id: 'msg-b1', createdAt: at(4) }),
    alicePending: (s) =>
      message(s.user.alice.id, {
        id: 'msg-pending',
        createdAt: at(0),
        status: 'QUEUED',
        providerMessageId: null,
        attemptCount: 0,
        media: JSON.stringify([
          {
            url: 's3://mms-media-test/cat.png',
            contentType: 'image/png',
            sizeBytes: 1024,
          },
        ]),
        context: JSON.stringify({ orderId: '42' }),
      }),
  },
})

export type StandardScenario = ScenarioData<User, 'user'> &
  ScenarioData<ApiKey, 'apiKey'> &
  ScenarioData<MmsMessage, 'mmsMessage'>
