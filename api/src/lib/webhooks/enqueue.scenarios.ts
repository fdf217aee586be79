import type {
  ApiKey,
  MmsAttempt,
  MmsMessage,
  Prisma,
  User,
  WebhookEndpoint,
} from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

import {
  at,
  messageRow,
  startedAttemptRow,
} from 'src/lib/sendQueue/sendQueue.fixtures'

export const HOOK_URL = 'https://hooks.example.com/mms'
export const CALLBACK_URL = 'https://callbacks.example.com/messages/1'
export const CURRENT_SECRET = 'whsec_alice-current'

/** A message worker-a is sending with Alice's hooked key. */
const sendingWith = (
  userId: number,
  apiKeyId: string | null,
  overrides: Partial<Prisma.MmsMessageCreateManyInput>
) =>
  messageRow(userId, {
    apiKeyId,
    status: 'SENDING',
    nextAttemptAt: null,
    attemptCount: 1,
    leaseOwner: 'worker-a',
    leaseExpiresAt: at(60_000),
    ...overrides,
  })

export const standard = defineScenario<
  | { data: Prisma.UserCreateManyInput }
  | { data: Prisma.ApiKeyCreateManyInput }
  | { data: Prisma.WebhookEndpointCreateManyInput }
  | { data: Prisma.MmsMessageCreateManyInput }
  | { data: Prisma.MmsAttemptCreateManyInput }
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
        prefix: 'hooked0001',
        hashedKey: 'hash-hooked',
      },
    }),
    bare: (s) => ({
      data: {
        userId: s.user.alice.id,
        name: 'no webhook',
        prefix: 'bare000001',
        hashedKey: 'hash-bare',
      },
    }),
  },
  webhookEndpoint: {
    current: (s) => ({
      data: {
        apiKeyId: s.apiKey.hooked.id,
        url: HOOK_URL,
        secret: CURRENT_SECRET,
        createdAt: at(-3_600_000),
      },
    }),
    // Replaced an hour earlier: nothing more goes to it.
    replaced: (s) => ({
      data: {
        apiKeyId: s.apiKey.hooked.id,
        url: 'https://old.example.com/mms',
        secret: 'whsec_alice-old',
        createdAt: at(-7_200_000),
        disabledAt: at(-3_600_000),
      },
    }),
  },
  mmsMessage: {
    sending: (s) =>
      sendingWith(s.user.alice.id, s.apiKey.hooked.id, {
        id: 'sending',
        statusCallbackUrl: CALLBACK_URL,
      }),
    sendingBare: (s) =>
      sendingWith(s.user.alice.id, s.apiKey.bare.id, { id: 'sending-bare' }),
    sendingByPerson: (s) =>
      sendingWith(s.user.alice.id, null, { id: 'sending-by-person' }),
    // A delivery event arrived before the send's answer was recorded.
    deliveredWhileSending: (s) =>
      sendingWith(s.user.alice.id, s.apiKey.hooked.id, {
        id: 'delivered-while-sending',
        status: 'DELIVERED',
        providerMessageId: 'pinpoint-early',
        leaseOwner: null,
        leaseExpiresAt: null,
      }),
    queuedHeld: (s) =>
      messageRow(s.user.alice.id, {
        id: 'queued-held',
        apiKeyId: s.apiKey.hooked.id,
        leaseOwner: 'worker-a',
        leaseExpiresAt: at(60_000),
      }),
    // Its worker died mid-request: the lease ran out a second ago.
    abandoned: (s) =>
      sendingWith(s.user.alice.id, s.apiKey.hooked.id, {
        id: 'abandoned',
        leaseExpiresAt: at(-1_000),
      }),
    sent: (s) =>
      messageRow(s.user.alice.id, {
        id: 'sent',
        apiKeyId: s.apiKey.hooked.id,
        status: 'SENT',
        providerMessageId: 'pinpoint-sent',
        nextAttemptAt: null,
        sentAt: at(-5_000),
      }),
  },
  mmsAttempt: {
    sending: (s) => startedAttemptRow(s.mmsMessage.sending.id),
    sendingBare: (s) => startedAttemptRow(s.mmsMessage.sendingBare.id),
    sendingByPerson: (s) => startedAttemptRow(s.mmsMessage.sendingByPerson.id),
    deliveredWhileSending: (s) =>
      startedAttemptRow(s.mmsMessage.deliveredWhileSending.id),
  },
})

export type StandardScenario = ScenarioData<User, 'user'> &
  ScenarioData<ApiKey, 'apiKey'> &
  ScenarioData<WebhookEndpoint, 'webhookEndpoint'> &
  ScenarioData<MmsMessage, 'mmsMessage'> &
  ScenarioData<MmsAttempt, 'mmsAttempt'>
