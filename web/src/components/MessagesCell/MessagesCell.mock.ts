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
    ],
    pageInfo: {
      __typename: 'MmsPageInfo',
      endCursor: 'msg-unknown',
      hasNextPage: true,
    },
  },
})

/** A message still on its way, which keeps the list polling. */
export const sending = (): MessagesCell_List => ({
  mmsMessages: {
    __typename: 'MmsMessageConnection',
    nodes: [message({ id: 'msg-sending', status: 'SENDING' })],
    pageInfo: {
      __typename: 'MmsPageInfo',
      endCursor: 'msg-sending',
      hasNextPage: false,
    },
  },
})
