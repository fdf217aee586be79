import { db } from 'src/lib/db'
import {
  RestError,
  jsonResult,
  messageView,
  restFunction,
} from 'src/lib/restApi'
import { mmsMessage } from 'src/services/mms/mms'

/**
 * `GET /messages/:id`: one of the caller's messages, with its delivery
 * events. mmsMessage looks it up within the caller's own messages, so
 * someone else's id is answered exactly as a missing one.
 */
export const handler = restFunction('messages', [
  {
    path: /^\/([^/]+)\/?$/,
    auth: 'apiKey',
    methods: {
      GET: async ({ params: [id] }) => {
        const message = await mmsMessage({ id })
        if (!message) {
          throw new RestError('NOT_FOUND', 'No message of yours has this id.')
        }
        const events = await db.mmsEvent.findMany({
          where: { messageId: message.id },
          orderBy: [{ occurredAt: 'asc' }, { receivedAt: 'asc' }],
        })
        return jsonResult(200, messageView(message, events))
      },
    },
  },
])
