import type { MessageCell_Find } from 'types/graphql'

type Message = NonNullable<MessageCell_Find['mmsMessage']>
type DeliveryEvent = Message['events'][number]
/** What the cell's Success receives: a message was found. */
type Found = { mmsMessage: Message }

const event = (
  fields: Pick<DeliveryEvent, 'type' | 'occurredAt'> & Partial<DeliveryEvent>
): DeliveryEvent => ({
  __typename: 'MmsEvent',
  status: null,
  description: null,
  carrier: null,
  priceUsd: null,
  ...fields,
})

/** What AWS reports for a message that reaches the handset, oldest first. */
const deliveryEvents: DeliveryEvent[] = [
  event({
    type: 'MEDIA_PENDING',
    description: 'Message is being sent to the carrier',
    occurredAt: '2026-11-20T09:30:02.000Z',
  }),
  event({
    type: 'MEDIA_SUCCESSFUL',
    description: 'Message has been accepted by phone carrier',
    carrier: 'T-Mobile USA, Inc.',
    priceUsd: '0.0200',
    occurredAt: '2026-11-20T09:30:04.000Z',
  }),
  event({
    type: 'MEDIA_DELIVERED',
    status: 'DELIVERED',
    description: 'Message has been delivered to the handset',
    carrier: 'T-Mobile USA, Inc.',
    priceUsd: '0.0200',
    occurredAt: '2026-11-20T09:30:09.000Z',
  }),
]

export const message = (overrides: Partial<Message> = {}): Message => ({
  __typename: 'MmsMessage',
  id: 'cm3message0001',
  messageId: '88101ea6-91d0-443b-9dcb-74b96cc50de1',
  status: 'SENT',
  provider: 'aws',
  destinationPhoneNumber: '+14254147755',
  originationIdentity: '+18445550100',
  messageBody: 'The photos from Saturday,\nas promised.',
  media: [
    {
      __typename: 'MmsMedia',
      url: 's3://mms-media/uploads/1/a/beach.jpg',
      contentType: 'image/jpeg',
      sizeBytes: 182_044,
      previewUrl:
        'https://mms-media.example.com/uploads/1/a/beach.jpg?X-Amz-Signature=abc',
    },
  ],
  dryRun: false,
  timeToLive: 3_600,
  maxPrice: '0.05',
  configurationSetName: 'mms-events',
  context: { orderId: 'A-1042' },
  idempotencyKey: '3f0c9b8e-5d0a-4a8e-9a51-0d8c2f1e7b21',
  errorCode: null,
  errorMessage: null,
  attemptCount: 2,
  attempts: [
    {
      __typename: 'MmsAttempt',
      number: 1,
      startedAt: '2026-11-20T09:30:00.120Z',
      durationMs: 512,
      outcome: 'THROTTLED',
      httpStatus: 400,
      errorCode: 'ThrottlingException',
    },
    {
      __typename: 'MmsAttempt',
      number: 2,
      startedAt: '2026-11-20T09:30:00.900Z',
      durationMs: 87,
      outcome: 'ACCEPTED',
      httpStatus: 200,
      errorCode: null,
    },
  ],
  nextAttemptAt: null,
  events: deliveryEvents.slice(0, 1),
  priceUsd: null,
  carrier: null,
  apiKey: {
    __typename: 'ApiKey',
    id: 'key-1',
    name: 'Billing reminders',
    prefix: 'k3x9q2m7ab',
  },
  createdAt: '2026-11-20T09:30:00.000Z',
  updatedAt: '2026-11-20T09:30:02.500Z',
  sentAt: '2026-11-20T09:30:01.000Z',
  ...overrides,
})

export const standard = (): Found => ({ mmsMessage: message() })

export const delivered = (): Found => ({
  mmsMessage: message({
    status: 'DELIVERED',
    events: deliveryEvents,
    priceUsd: '0.0200',
    carrier: 'T-Mobile USA, Inc.',
    updatedAt: '2026-11-20T09:30:09.500Z',
  }),
})

export const undelivered = (): Found => ({
  mmsMessage: message({
    status: 'UNDELIVERED',
    errorCode: 'BLOCKED_BY_CARRIER',
    errorMessage:
      'The carrier blocked the message. Check the content and that the sending number is registered for this use.',
    events: [
      ...deliveryEvents.slice(0, 1),
      event({
        type: 'MEDIA_CARRIER_BLOCKED',
        status: 'UNDELIVERED',
        description: 'Message has been blocked by the carrier',
        carrier: 'Verizon Wireless',
        priceUsd: '0.0200',
        occurredAt: '2026-11-20T09:30:06.000Z',
      }),
    ],
    priceUsd: '0.0200',
    carrier: 'Verizon Wireless',
    updatedAt: '2026-11-20T09:30:06.500Z',
  }),
})

export const failed = (): Found => ({
  mmsMessage: message({
    status: 'FAILED',
    messageId: null,
    sentAt: null,
    errorCode: 'DESTINATION_OPTED_OUT',
    errorMessage: 'The recipient has opted out of messages from this sender.',
    attemptCount: 1,
    attempts: [
      {
        __typename: 'MmsAttempt',
        number: 1,
        startedAt: '2026-11-20T09:30:00.120Z',
        durationMs: 95,
        outcome: 'REJECTED',
        httpStatus: 400,
        errorCode: 'ConflictException',
      },
    ],
    events: [],
    apiKey: null,
  }),
})

export const unknown = (): Found => ({
  mmsMessage: message({
    status: 'UNKNOWN',
    messageId: null,
    sentAt: null,
    errorCode: 'OUTCOME_UNKNOWN',
    errorMessage:
      'The provider did not answer in time, so it is not known whether the message was sent. It was not retried, to avoid a duplicate.',
    attemptCount: 1,
    attempts: [
      {
        __typename: 'MmsAttempt',
        number: 1,
        startedAt: '2026-11-20T09:30:00.120Z',
        durationMs: 10_000,
        outcome: 'NO_RESPONSE',
        httpStatus: null,
        errorCode: 'TimeoutError',
      },
    ],
    events: [],
  }),
})

/** Throttled once and waiting for its next attempt. */
export const queued = (): Found => ({
  mmsMessage: message({
    status: 'QUEUED',
    messageId: null,
    sentAt: null,
    attemptCount: 1,
    attempts: [
      {
        __typename: 'MmsAttempt',
        number: 1,
        startedAt: '2026-11-20T09:30:00.120Z',
        durationMs: 512,
        outcome: 'THROTTLED',
        httpStatus: 400,
        errorCode: 'ThrottlingException',
      },
    ],
    nextAttemptAt: '2026-11-20T09:30:02.000Z',
    events: [],
    updatedAt: '2026-11-20T09:30:00.700Z',
  }),
})

/** Recorded and not yet tried. */
export const queuedUntried = (): Found => ({
  mmsMessage: message({
    status: 'QUEUED',
    messageId: null,
    sentAt: null,
    attemptCount: 0,
    attempts: [],
    events: [],
    updatedAt: '2026-11-20T09:30:00.000Z',
  }),
})
