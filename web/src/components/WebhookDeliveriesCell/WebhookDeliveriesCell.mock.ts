import type { WebhookDeliveriesCell_List } from 'types/graphql'

type Delivery = WebhookDeliveriesCell_List['webhookDeliveries']['nodes'][number]

const delivery = (fields: Partial<Delivery> & { id: string }): Delivery => ({
  __typename: 'WebhookDelivery',
  status: 'SENT',
  url: 'https://billing.example.com/webhooks/mms',
  toStatusCallback: false,
  state: 'DELIVERED',
  attemptCount: 1,
  nextAttemptAt: null,
  createdAt: '2026-11-23T10:00:00.000Z',
  message: { __typename: 'MmsMessage', id: 'message-1' },
  attempts: [],
  ...fields,
})

const attempt = (
  number: number,
  responseStatus: number | null,
  errorCode: Delivery['attempts'][number]['errorCode'] = null
): Delivery['attempts'][number] => ({
  __typename: 'WebhookAttempt',
  number,
  startedAt: `2026-11-23T10:0${number}:00.000Z`,
  responseStatus,
  errorCode,
})

export const standard = (): WebhookDeliveriesCell_List => ({
  webhookDeliveries: {
    __typename: 'WebhookDeliveryConnection',
    nodes: [
      delivery({
        id: 'delivery-retrying',
        status: 'DELIVERED',
        state: 'PENDING',
        attemptCount: 2,
        nextAttemptAt: '2026-11-23T10:05:00.000Z',
        createdAt: '2026-11-23T10:02:00.000Z',
        attempts: [attempt(1, 500), attempt(2, null, 'TIMEOUT')],
      }),
      delivery({
        id: 'delivery-after-retry',
        status: 'SENT',
        attemptCount: 2,
        createdAt: '2026-11-23T10:01:00.000Z',
        attempts: [attempt(1, 503), attempt(2, 200)],
      }),
      delivery({
        id: 'delivery-callback-refused',
        status: 'QUEUED',
        url: 'https://10.0.0.8/hook',
        toStatusCallback: true,
        state: 'FAILED',
        attempts: [attempt(1, null, 'ADDRESS_REFUSED')],
      }),
    ],
    pageInfo: {
      __typename: 'MmsPageInfo',
      endCursor: 'delivery-callback-refused',
      hasNextPage: false,
    },
  },
})
