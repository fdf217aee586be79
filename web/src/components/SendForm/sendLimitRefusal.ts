import { isSendLimitErrorCode, type SendLimitErrorExtensions } from '@mms/rules'

import type { RequestError } from 'src/lib/graphQLErrors'

/** The sending limit a refused send reached, or undefined for any other error. */
export const sendLimitRefusalOf = (
  error: RequestError
): SendLimitErrorExtensions | undefined => {
  const extensions = error.graphQLErrors?.[0]?.extensions as
    | Partial<SendLimitErrorExtensions>
    | undefined
  return isSendLimitErrorCode(extensions?.code) &&
    typeof extensions?.retryAt === 'string'
    ? (extensions as SendLimitErrorExtensions)
    : undefined
}

const WHOSE = { USER: 'Your account', API_KEY: 'This API key' } as const

/** The notice's title and the limit that was reached, in words. */
export const describeSendLimit = ({
  code,
  scope,
  limit,
}: SendLimitErrorExtensions) => {
  const messages = `${limit} message${limit === 1 ? '' : 's'}`
  return code === 'RATE_LIMITED'
    ? {
        title: 'Sending limit reached',
        limit: `${WHOSE[scope]} may send ${messages} a minute.`,
      }
    : {
        title: 'Daily quota reached',
        limit: `${WHOSE[scope]} may send ${messages} a day (days start at midnight UTC).`,
      }
}
