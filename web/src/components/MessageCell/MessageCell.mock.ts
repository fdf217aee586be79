import type { MessageCell_Find } from 'types/graphql'

type Message = NonNullable<MessageCell_Find['mmsMessage']>
/** What the cell's Success receives: a message was found. */
type Found = { mmsMessage: Message }

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
      outcome: 'RETRYABLE',
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
  apiKey: {
    __typename: 'ApiKey',
    id: 'key-1',
    name: 'Billing reminders',
    prefix: 'k3x9q2m7ab',
  },
  createdAt: '2026-11-20T09:30:00.000Z',
  updatedAt: '2026-11-20T09:30:01.000Z',
  sentAt: '2026-11-20T09:30:01.000Z',
  ...overrides,
})

export const standard = (): Found => ({ mmsMessage: message() })

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
    apiKey: null,
  }),
})

export const queued = (): Found => ({
  mmsMessage: message({
    status: 'QUEUED',
    messageId: null,
    sentAt: null,
    attemptCount: 0,
    attempts: [],
  }),
})
