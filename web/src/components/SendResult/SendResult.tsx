import { formatPhoneNumber } from '@mms/rules'
import type { MmsStatus, SendForm_SendMms } from 'types/graphql'

import { Link, routes } from '@redwoodjs/router'

import StatusBadge from 'src/components/StatusBadge'
import { MESSAGE_STATUS } from 'src/lib/messageStatus'

type SentMessage = NonNullable<SendForm_SendMms['sendMms']>

/**
 * What a send came to. Every status is possible: a send may be answered
 * before the provider is asked (QUEUED), and a repeated idempotency key
 * returns the first message as it is now, delivered or not.
 */
const OUTCOMES: { [S in MmsStatus]: { title: string; next?: string } } = {
  QUEUED: {
    title: 'Message recorded',
    next: 'It will be sent shortly. Its page shows when it is sent and delivered.',
  },
  SENDING: {
    title: 'Message being sent',
    next: 'Its page shows when AWS accepts it and when it is delivered.',
  },
  SENT: {
    title: 'Message sent',
    next: 'Delivery to the handset is reported later, on its page.',
  },
  DELIVERED: { title: 'Message delivered' },
  UNDELIVERED: { title: 'The message was not delivered' },
  FAILED: { title: 'The message was not sent' },
  UNKNOWN: { title: 'The message may not have been sent' },
}

const DRY_RUN_TITLES: Partial<Record<MmsStatus, string>> = {
  QUEUED:
    'Dry run recorded: AWS will check the message shortly, nothing will be sent',
  SENT: 'Dry run passed: AWS accepted the message, nothing was sent',
}

/** What became of a send: the recorded message, its status and where to follow it. */
const SendResult = ({ message }: { message: SentMessage }) => {
  const { tone, showsReason } = MESSAGE_STATUS[message.status]
  const outcome = OUTCOMES[message.status]
  const dryRunTitle = message.dryRun
    ? DRY_RUN_TITLES[message.status]
    : undefined

  return (
    <div className={`notice notice--${tone}`}>
      <h2 className="notice__title">{dryRunTitle ?? outcome.title}</h2>
      <p className="status-line">
        <StatusBadge status={message.status} />
        <span>
          to{' '}
          <span className="phone-number">
            {formatPhoneNumber(message.destinationPhoneNumber)}
          </span>
        </span>
      </p>
      {!dryRunTitle && outcome.next && <p>{outcome.next}</p>}
      {showsReason && message.errorMessage && <p>{message.errorMessage}</p>}
      <p>
        <Link to={routes.message({ id: message.id })}>
          View the message and its delivery attempts
        </Link>
      </p>
    </div>
  )
}

export default SendResult
