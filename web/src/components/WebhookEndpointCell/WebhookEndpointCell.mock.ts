import type { WebhookEndpointCell_Find } from 'types/graphql'

/** What the cell's Success receives: a key that was found. */
type Found = {
  apiKeyWebhook: NonNullable<WebhookEndpointCell_Find['apiKeyWebhook']>
}

export const standard = (): Found => ({
  apiKeyWebhook: {
    __typename: 'ApiKeyWebhook',
    apiKey: {
      __typename: 'ApiKey',
      id: 'key-active',
      name: 'Billing reminders',
      prefix: 'k3x9q2m7ab',
      revokedAt: null,
    },
    endpoint: {
      __typename: 'WebhookEndpoint',
      id: 'endpoint-1',
      url: 'https://billing.example.com/webhooks/mms',
      createdAt: '2026-11-20T09:00:00.000Z',
    },
  },
})

/** A key in use that has no webhook yet. */
export const withoutWebhook = (): Found => ({
  apiKeyWebhook: { ...standard().apiKeyWebhook, endpoint: null },
})
