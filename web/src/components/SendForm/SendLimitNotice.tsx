import { describeWait, type SendLimitErrorExtensions } from '@mms/rules'

import DateTime from 'src/components/DateTime'

import { describeSendLimit } from './sendLimitRefusal'

/** A send refused by a sending limit: which limit, and when sending works again. */
const SendLimitNotice = ({
  refusal,
}: {
  refusal: SendLimitErrorExtensions
}) => {
  const { title, limit } = describeSendLimit(refusal)
  return (
    <div role="alert" className="notice notice--warning">
      <p className="notice__title">{title}</p>
      <p>{limit} Nothing was sent.</p>
      <p>
        You can send again in {describeWait(refusal.retryAfterSeconds)}, at{' '}
        <DateTime iso={refusal.retryAt} precise />.
      </p>
    </div>
  )
}

export default SendLimitNotice
