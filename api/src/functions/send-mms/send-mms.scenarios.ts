import type { ApiKey, MmsEvent, MmsMessage, Prisma, User } from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

import { hashApiKey } from 'src/lib/apiKeys'

/** The secret of each scenario key (mms_<prefix>_<43 characters>). */
const secret = (prefix: string, fill: string) =>
  `mms_${prefix}_${fill.repeat(43)}`
export const KEYS = {
  alice: secret('restalice1', 'a'),
  aliceRevoked: secret('restalice2', 'r'),
  bob: secret('restbob001', 'b'),
  limited: secret('restlimit1', 'l'),
  quota: secret('restquota1', 'q'),
  disabled: secret('restdisab1', 'd'),
} as const

const user = (
  email: string,
  extra: Partial<Prisma.UserCreateManyInput> = {}
) => ({
  data: { email, hashedPassword: 'x', salt: 'x', ...extra },
})

const key = (
  userId: number,
  name: string,
  presented: string,
  extra: Partial<Prisma.ApiKeyCreateManyInput> = {}
) => ({
  data: {
    userId,
    name,
    prefix: presented.split('_')[1],
    hashedKey: hashApiKey(presented),
    ...extra,
  },
})

const at = (iso: string) => new Date(iso)

// Each row by its columns alone, as mms.scenarios does (TS2589 otherwise).
export const standard = defineScenario<
  | { data: Prisma.UserCreateManyInput }
  | { data: Prisma.ApiKeyCreateManyInput }
  | { data: Prisma.MmsMessageCreateManyInput }
  | { data: Prisma.MmsEventCreateManyInput }
>({
  user: {
    alice: user('alice@example.com'),
    bob: user('bob@example.com'),
    limited: user('limited@example.com', { sendRatePerMinute: 1 }),
    quota: user('quota@example.com', { dailySendQuota: 1 }),
    disabled: user('disabled@example.com', {
      disabledAt: at('2026-11-20T00:00:00Z'),
    }),
  },
  apiKey: {
    alice: (s) => key(s.user.alice.id, 'billing service', KEYS.alice),
    aliceRevoked: (s) =>
      key(s.user.alice.id, 'old deploy', KEYS.aliceRevoked, {
        revokedAt: at('2026-11-01T00:00:00Z'),
      }),
    bob: (s) => key(s.user.bob.id, 'shop', KEYS.bob),
    limited: (s) => key(s.user.limited.id, 'limited', KEYS.limited),
    quota: (s) => key(s.user.quota.id, 'quota', KEYS.quota),
    disabled: (s) => key(s.user.disabled.id, 'disabled', KEYS.disabled),
  },
  mmsMessage: {
    alicesDelivered: (s) => ({
      data: {
        id: 'rest-msg-alice',
        userId: s.user.alice.id,
        apiKeyId: s.apiKey.alice.id,
        provider: 'aws',
        providerMessageId: 'pinpoint-delivered-1',
        originationIdentity: '+18445550100',
        destinationPhoneNumber: '+12065550123',
        messageBody: 'Your order shipped',
        media: JSON.stringify([
          {
            url: `s3://mms-media-test/uploads/${s.user.alice.id}/0b6f4e2a-5c1d-4e8f-9a7b-3c2d1e0f9a8b/cat.png`,
            contentType: 'image/png',
            sizeBytes: 50_000,
          },
        ]),
        timeToLive: 3600,
        maxPrice: '0.05',
        configurationSetName: 'mms-events',
        protectConfigurationId: 'protect-abc',
        messageFeedbackEnabled: true,
        context: JSON.stringify({ orderId: '42' }),
        idempotencyKey: 'order-42',
        requestHash: 'scenario',
        status: 'DELIVERED',
        attemptCount: 1,
        priceUsd: '0.02',
        carrier: 'Example Wireless',
        createdAt: at('2026-11-23T12:00:00.000Z'),
        sentAt: at('2026-11-23T12:00:01.000Z'),
      },
    }),
    bobs: (s) => ({
      data: {
        id: 'rest-msg-bob',
        userId: s.user.bob.id,
        provider: 'aws',
        providerMessageId: 'pinpoint-bob-1',
        originationIdentity: '+18445550100',
        destinationPhoneNumber: '+12065550199',
        messageBody: "Bob's message",
        requestHash: 'scenario',
        status: 'SENT',
        attemptCount: 1,
        sentAt: at('2026-11-23T12:05:00.000Z'),
      },
    }),
  },
  mmsEvent: {
    aliceSent: (s) => ({
      data: {
        messageId: s.mmsMessage.alicesDelivered.id,
        provider: 'aws',
        sourceId: 'sns-rest-1',
        type: 'MEDIA_SUCCESSFUL',
        status: 'SENT',
        occurredAt: at('2026-11-23T12:00:02.000Z'),
      },
    }),
    aliceDelivered: (s) => ({
      data: {
        messageId: s.mmsMessage.alicesDelivered.id,
        provider: 'aws',
        sourceId: 'sns-rest-2',
        type: 'MEDIA_DELIVERED',
        status: 'DELIVERED',
        description: 'Delivered to the handset.',
        carrier: 'Example Wireless',
        priceUsd: '0.02',
        occurredAt: at('2026-11-23T12:00:09.000Z'),
      },
    }),
  },
})

export type StandardScenario = ScenarioData<User, 'user'> &
  ScenarioData<ApiKey, 'apiKey'> &
  ScenarioData<MmsMessage, 'mmsMessage'> &
  ScenarioData<MmsEvent, 'mmsEvent'>
