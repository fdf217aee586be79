import type { MessagesCell_List } from 'types/graphql'

type Message = MessagesCell_List['mmsMessages']['nodes'][number]

export const message = (overrides: Partial<Message> = {}): Message => ({
  __typename: 'MmsMessage',
  id: 'msg-sent',
  status: 'SENT',
  destinationPhoneNumber: '+14254147755',
  messageBody: 'The photos from Saturday, as promised.',
  dryRun: false,
  errorCode: null,
  errorMessage: null,
  createdAt: '2026-11-20T09:30:00.000Z',
  updatedAt: '2026-11-20T09:30:02.500Z',
  media: [
    {
      __typename: 'MmsMedia',
      url: 's3://mms-media/uploads/1/a/beach.jpg',
      contentType: 'image/jpeg',
      previewUrl:
        'https://mms-media.example.com/uploads/1/a/beach.jpg?X-Amz-Signature=abc',
    },
  ],
  ...overrides,
})

export const standard = (): MessagesCell_List => ({
  mmsMessages: {
    __typename: 'MmsMessageConnection',
    nodes: [
      message(),
      message({
        id: 'msg-failed',
        status: 'FAILED',
        destinationPhoneNumber: '+447911123456',
        messageBody: 'Reminder: your appointment is tomorrow at 10:00.',
        errorCode: 'DESTINATION_OPTED_OUT',
        errorMessage:
          'The recipient has opted out of messages from this sender.',
        createdAt: '2026-11-19T16:05:00.000Z',
        updatedAt: '2026-11-19T16:05:00.400Z',
        media: [],
      }),
      message({
        id: 'msg-unknown',
        status: 'UNKNOWN',
        destinationPhoneNumber: '+12065550123',
        messageBody: null,
        errorCode: 'OUTCOME_UNKNOWN',
        errorMessage:
          'The provider did not answer in time, so it is not known whether the message was sent. It was not retried, to avoid a duplicate.',
        createdAt: '2026-11-18T08:00:00.000Z',
        updatedAt: '2026-11-18T08:00:10.200Z',
        media: [
          {
            __typename: 'MmsMedia',
            url: 's3://mms-media/uploads/1/b/menu.pdf',
            contentType: 'application/pdf',
            previewUrl:
              'https://mms-media.example.com/uploads/1/b/menu.pdf?X-Amz-Signature=def',
          },
        ],
      }),
      message({
        id: 'msg-delivered',
        status: 'DELIVERED',
        destinationPhoneNumber: '+15145550199',
        messageBody: 'Your order has shipped.',
        createdAt: '2026-11-17T12:00:00.000Z',
        updatedAt: '2026-11-17T12:00:08.000Z',
        media: [],
      }),
      message({
        id: 'msg-undelivered',
        status: 'UNDELIVERED',
        destinationPhoneNumber: '+13125550142',
        messageBody: 'Your table is ready.',
        errorCode: 'DESTINATION_UNREACHABLE',
        errorMessage:
          'The carrier could not reach the phone: it may be off, out of coverage, or not able to receive MMS.',
        createdAt: '2026-11-16T19:45:00.000Z',
        updatedAt: '2026-11-16T19:47:30.000Z',
        media: [],
      }),
    ],
    pageInfo: {
      __typename: 'MmsPageInfo',
      endCursor: 'msg-undelivered',
      hasNextPage: true,
    },
  },
})

const onePage = (nodes: Message[]): MessagesCell_List => ({
  mmsMessages: {
    __typename: 'MmsMessageConnection',
    nodes,
    pageInfo: {
      __typename: 'MmsPageInfo',
      endCursor: nodes[nodes.length - 1]?.id ?? null,
      hasNextPage: false,
    },
  },
})

/** A message waiting for its turn above settled ones: the list keeps polling. */
export const queued = (): MessagesCell_List =>
  onePage([
    message({
      id: 'msg-queued',
      status: 'QUEUED',
      createdAt: '2026-11-20T09:31:00.000Z',
      updatedAt: '2026-11-20T09:31:00.000Z',
    }),
    ...standard().mmsMessages.nodes,
  ])

/** A message being handed to AWS: the list keeps polling. */
export const sending = (): MessagesCell_List =>
  onePage([message({ id: 'msg-sending', status: 'SENDING' })])
