import type {
  ApiKey,
  MmsMessage,
  Prisma,
  User,
  WebhookDelivery,
  WebhookEndpoint,
} from '@prisma/client'

import type { ScenarioData } from '@redwoodjs/testing/api'

export const day = (n: number, minutes = 0) =>
  new Date(Date.UTC(2026, 10, n, 12, minutes))

const message = (
  id: string,
  userId: number,
  apiKeyId: string
): { data: Prisma.MmsMessageCreateManyInput } => ({
  data: {
    id,
    userId,
    apiKeyId,
    provider: 'aws',
    originationIdentity: '+18445550100',
    destinationPhoneNumber: '+12065550123',
    messageBody: 'Hello',
    requestHash: 'scenario',
    status: 'DELIVERED',
    providerMessageId: `pinpoint-${id}`,
  },
})

const payloadOf = (id: string, messageId: string, status: string) =>
  JSON.stringify({
    id,
    type: 'message.status',
    createdAt: day(20).toISOString(),
    data: { id: messageId, messageId: `pinpoint-${messageId}`, status },
  })

export const standard = defineScenario<
  | { data: Prisma.UserCreateManyInput }
  | { data: Prisma.ApiKeyCreateManyInput }
  | { data: Prisma.WebhookEndpointCreateManyInput }
  | { data: Prisma.MmsMessageCreateManyInput }
  | { data: Prisma.WebhookDeliveryCreateManyInput }
  | { data: Prisma.WebhookAttemptCreateManyInput }
>({
  user: {
    alice: {
      data: { email: 'alice@example.com', hashedPassword: 'x', salt: 'x' },
    },
    bob: { data: { email: 'bob@example.com', hashedPassword: 'x', salt: 'x' } },
  },
  apiKey: {
    alices: (s) => ({
      data: {
        userId: s.user.alice.id,
        name: 'billing service',
        prefix: 'alice00001',
        hashedKey: 'hash-alice',
      },
    }),
    aliceBare: (s) => ({
      data: {
        userId: s.user.alice.id,
        name: 'no webhook yet',
        prefix: 'alice00002',
        hashedKey: 'hash-alice-bare',
      },
    }),
    aliceRevoked: (s) => ({
      data: {
        userId: s.user.alice.id,
        name: 'retired',
        prefix: 'alice00003',
        hashedKey: 'hash-alice-revoked',
        revokedAt: day(10),
      },
    }),
    bobs: (s) => ({
      data: {
        userId: s.user.bob.id,
        name: 'bob’s integration',
        prefix: 'bob0000001',
        hashedKey: 'hash-bob',
      },
    }),
  },
  webhookEndpoint: {
    alices: (s) => ({
      data: {
        id: 'endpoint-alice',
        apiKeyId: s.apiKey.alices.id,
        url: 'https://hooks.alice.example/mms',
        secret: 'whsec_alice',
        createdAt: day(1),
      },
    }),
    bobs: (s) => ({
      data: {
        id: 'endpoint-bob',
        apiKeyId: s.apiKey.bobs.id,
        url: 'https://hooks.bob.example/mms',
        secret: 'whsec_bob',
        createdAt: day(1),
      },
    }),
  },
  mmsMessage: {
    alices: (s) =>
      message('alice-message', s.user.alice.id, s.apiKey.alices.id),
    bobs: (s) => message('bob-message', s.user.bob.id, s.apiKey.bobs.id),
  },
  webhookDelivery: {
    aliceSent: (s) => ({
      data: {
        id: 'delivery-alice-sent',
        messageId: s.mmsMessage.alices.id,
        apiKeyId: s.apiKey.alices.id,
        endpointId: s.webhookEndpoint.alices.id,
        status: 'SENT',
        url: s.webhookEndpoint.alices.url,
        payload: payloadOf('delivery-alice-sent', 'alice-message', 'SENT'),
        attempts: 2,
        lastResponseStatus: 200,
        deliveredAt: day(20, 1),
        createdAt: day(20),
      },
    }),
    aliceCallback: (s) => ({
      data: {
        id: 'delivery-alice-callback',
        messageId: s.mmsMessage.alices.id,
        apiKeyId: s.apiKey.alices.id,
        endpointId: null,
        status: 'DELIVERED',
        url: 'https://callbacks.alice.example/m/1',
        payload: payloadOf(
          'delivery-alice-callback',
          'alice-message',
          'DELIVERED'
        ),
        attempts: 0,
        nextAttemptAt: day(20, 5),
        createdAt: day(20, 5),
      },
    }),
    aliceDelivered: (s) => ({
      data: {
        id: 'delivery-alice-delivered',
        messageId: s.mmsMessage.alices.id,
        apiKeyId: s.apiKey.alices.id,
        endpointId: s.webhookEndpoint.alices.id,
        status: 'DELIVERED',
        url: s.webhookEndpoint.alices.url,
        payload: payloadOf(
          'delivery-alice-delivered',
          'alice-message',
          'DELIVERED'
        ),
        attempts: 1,
        lastResponseStatus: 500,
        nextAttemptAt: day(20, 10),
        createdAt: day(20, 5),
      },
    }),
    bobs: (s) => ({
      data: {
        id: 'delivery-bob',
        messageId: s.mmsMessage.bobs.id,
        apiKeyId: s.apiKey.bobs.id,
        endpointId: s.webhookEndpoint.bobs.id,
        status: 'SENT',
        url: s.webhookEndpoint.bobs.url,
        payload: payloadOf('delivery-bob', 'bob-message', 'SENT'),
        createdAt: day(21),
        nextAttemptAt: day(21),
      },
    }),
  },
  webhookAttempt: {
    aliceSentFirst: (s) => ({
      data: {
        deliveryId: s.webhookDelivery.aliceSent.id,
        number: 1,
        startedAt: day(20),
        durationMs: 120,
        responseStatus: 500,
      },
    }),
    aliceSentSecond: (s) => ({
      data: {
        deliveryId: s.webhookDelivery.aliceSent.id,
        number: 2,
        startedAt: day(20, 1),
        durationMs: 80,
        responseStatus: 200,
      },
    }),
  },
})

export type StandardScenario = ScenarioData<User, 'user'> &
  ScenarioData<ApiKey, 'apiKey'> &
  ScenarioData<WebhookEndpoint, 'webhookEndpoint'> &
  ScenarioData<MmsMessage, 'mmsMessage'> &
  ScenarioData<WebhookDelivery, 'webhookDelivery'>
