import type { MutationsendMmsArgs } from 'types/graphql'

import {
  inCallersTerms,
  parseSendMmsBody,
  restFunction,
  sendAnswer,
} from 'src/lib/restApi'
import { sendMms } from 'src/services/mms/mms'

/**
 * `POST /send-mms`: the seed guides' JSON call, for services that do not
 * speak GraphQL. It is the sendMms mutation's own service function (every
 * check, limit and the queue), called as the API key's owner; lib/restApi
 * reads the body and turns the message or the refusal into HTTP.
 */
export const handler = restFunction('send-mms', [
  {
    path: /^\/?$/,
    auth: 'apiKey',
    methods: {
      POST: async ({ event }) => {
        const body = parseSendMmsBody(event)
        try {
          return sendAnswer(await sendMms(body.input as MutationsendMmsArgs))
        } catch (error) {
          throw inCallersTerms(error, body)
        }
      },
    },
  },
])
