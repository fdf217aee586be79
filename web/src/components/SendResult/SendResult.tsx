import { formatPhoneNumber } from '@mms/rules'
import type { MmsStatus, SendForm_SendMms } from 'types/graphql'

import { Link, routes } from '@redwoodjs/router'

import StatusBadge from 'src/components/StatusBadge'

type SentMessage = NonNullable<SendForm_SendMms['sendMms']>

const OUTCOMES: Record<MmsStatus, { tone: string; title: string }> = {
  SENT: { tone: 'success', title: 'Message sent' },
  FAILED: { tone: 'error', title: 'The message was not sent' },
  UNKNOWN: { tone: 'warning', title: 'The message may not have been sent' },
  PENDING: { tone: 'info', title: 'Message recorded' },
  SENDING: { tone: 'info', title: 'Message being sent' },
}

const titleOf = (message: SentMessage) =>
  message.dryRun && message.status === 'SENT'
    ? 'Dry run passed: AWS accepted the message, nothing was sent'
    : OUTCOMES[message.status].title

/** What became of a send: the recorded message, its status and where to follow it. */
const SendResult = ({ message }: { message: SentMessage }) => (
  <div className={`notice notice--${OUTCOMES[message.status].tone}`}>
    <h2 className="notice__title">{titleOf(message)}</h2>
    <p className="status-line">
      <StatusBadge status={message.status} />
      <span>
        to{' '}
        <span className="phone-number">
          {formatPhoneNumber(message.destinationPhoneNumber)}
        </span>
      </span>
    </p>
    {message.errorMessage && <p>{message.errorMessage}</p>}
    <p>
      <Link to={routes.message({ id: message.id })}>
        View the message and its delivery attempts
      </Link>
    </p>
  </div>
)

export default SendResult
