import type { ReactNode } from 'react'

import { formatPhoneNumber } from '@mms/rules'
import type { MessageCell_Find, MessageCell_FindVariables } from 'types/graphql'

import { Link, routes } from '@redwoodjs/router'
import type {
  CellFailureProps,
  CellLoadingProps,
  CellSuccessProps,
  TypedDocumentNode,
} from '@redwoodjs/web'

import CellFailure from 'src/components/CellFailure'
import DateTime from 'src/components/DateTime'
import MediaPreview from 'src/components/MediaPreview'
import MessageAttemptsTable from 'src/components/MessageAttemptsTable'
import MessageEventTimeline from 'src/components/MessageEventTimeline'
import StatusBadge from 'src/components/StatusBadge'
import { formatSeconds } from 'src/lib/dates'
import { MESSAGE_STATUS, pollUntil } from 'src/lib/messageStatus'
import { formatUsd } from 'src/lib/money'
import { skipPollWhileHidden, usePollUntil } from 'src/lib/usePollUntil'

/** How often the page asks for news while the message may still change. */
export const POLL_INTERVAL_MS = 2_000

export const QUERY: TypedDocumentNode<
  MessageCell_Find,
  MessageCell_FindVariables
> = gql`
  query MessageCell_Find($id: String!) {
    mmsMessage(id: $id) {
      id
      messageId
      status
      provider
      destinationPhoneNumber
      originationIdentity
      messageBody
      media {
        url
        contentType
        sizeBytes
        previewUrl
      }
      dryRun
      timeToLive
      maxPrice
      configurationSetName
      context
      idempotencyKey
      errorCode
      errorMessage
      attemptCount
      attempts {
        number
        startedAt
        durationMs
        outcome
        httpStatus
        errorCode
      }
      nextAttemptAt
      events {
        type
        status
        description
        carrier
        priceUsd
        occurredAt
      }
      priceUsd
      carrier
      apiKey {
        id
        name
        prefix
      }
      createdAt
      updatedAt
      sentAt
    }
  }
`

type Message = NonNullable<MessageCell_Find['mmsMessage']>

export const beforeQuery = ({ id }: MessageCell_FindVariables) => ({
  variables: { id },
  fetchPolicy: 'cache-and-network' as const,
  notifyOnNetworkStatusChange: true,
  skipPollAttempt: skipPollWhileHidden,
})

export const Loading = (
  _props: CellLoadingProps<MessageCell_FindVariables>
) => (
  <p role="status" className="muted">
    Loading the message…
  </p>
)

export const Empty = () => (
  <div className="card">
    <p>There is no message with this id in your account.</p>
    <Link to={routes.messages()}>Back to your messages</Link>
  </div>
)

export const Failure = ({
  error,
  queryResult,
}: CellFailureProps<MessageCell_FindVariables>) => (
  <CellFailure
    title="The message could not be loaded."
    error={error}
    onRetry={queryResult?.refetch}
  />
)

const Detail = ({ term, children }: { term: string; children: ReactNode }) => (
  <>
    <dt>{term}</dt>
    <dd>{children}</dd>
  </>
)

const none = <span className="muted">—</span>

const fileNameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1)

const StatusSection = ({ message }: { message: Message }) => {
  const { explanation, showsReason, tone } = MESSAGE_STATUS[message.status]

  return (
    <section className="card" aria-labelledby="status-heading">
      <h2 id="status-heading">Status</h2>
      {/* Announced when polling brings a new status. */}
      <div aria-live="polite" aria-atomic="true">
        <p className="status-line">
          <StatusBadge status={message.status} />
          {message.dryRun && (
            <span className="tag">Dry run: nothing was sent to a handset</span>
          )}
        </p>
        <p>{explanation}</p>
        {message.status === 'QUEUED' && message.nextAttemptAt && (
          <p>
            Next attempt: <DateTime iso={message.nextAttemptAt} precise />
          </p>
        )}
        {showsReason && message.errorMessage && (
          <div className={`notice notice--${tone}`}>
            <p className="notice__title">{message.errorMessage}</p>
            {message.errorCode && (
              <p>
                Error code <code>{message.errorCode}</code>
              </p>
            )}
          </div>
        )}
      </div>
    </section>
  )
}

const DeliverySection = ({ message }: { message: Message }) => (
  <section className="card" aria-labelledby="delivery-heading">
    <h2 id="delivery-heading">Delivery</h2>
    <dl className="details">
      <Detail term="Carrier">{message.carrier ?? none}</Detail>
      <Detail term="Price">
        {message.priceUsd ? formatUsd(message.priceUsd) : none}
      </Detail>
    </dl>
    <h3>Events ({message.events.length})</h3>
    <MessageEventTimeline events={message.events} />
  </section>
)

const ContentSection = ({ message }: { message: Message }) => (
  <section className="card" aria-labelledby="content-heading">
    <h2 id="content-heading">What was sent</h2>
    <dl className="details">
      <Detail term="To">
        <span className="phone-number">
          {formatPhoneNumber(message.destinationPhoneNumber)}
        </span>
      </Detail>
      <Detail term="From">
        <span className="phone-number">{message.originationIdentity}</span>
      </Detail>
      <Detail term="Text">
        {message.messageBody ? (
          <p className="message-body">{message.messageBody}</p>
        ) : (
          none
        )}
      </Detail>
      <Detail term="Media">
        {message.media.length === 0
          ? none
          : message.media.map((media) => (
              <div key={media.url}>
                {media.previewUrl ? (
                  <MediaPreview
                    src={media.previewUrl}
                    contentType={media.contentType}
                    sizeBytes={media.sizeBytes}
                    name={fileNameOf(media.url)}
                  />
                ) : (
                  <p className="muted">No preview is available.</p>
                )}
                <p className="mono muted">{media.url}</p>
              </div>
            ))}
      </Detail>
    </dl>
  </section>
)

const ContextPairs = ({ context }: { context: Record<string, unknown> }) => (
  <ul>
    {Object.entries(context).map(([key, value]) => (
      <li key={key}>
        <code>{key}</code>: {String(value)}
      </li>
    ))}
  </ul>
)

const RecordSection = ({ message }: { message: Message }) => (
  <section className="card" aria-labelledby="record-heading">
    <h2 id="record-heading">Record</h2>
    <dl className="details">
      <Detail term="Recorded">
        <DateTime iso={message.createdAt} precise />
      </Detail>
      <Detail term="Accepted by AWS">
        {message.sentAt ? <DateTime iso={message.sentAt} precise /> : none}
      </Detail>
      <Detail term="Last updated">
        <DateTime iso={message.updatedAt} precise />
      </Detail>
      <Detail term="Sent with">
        {message.apiKey ? (
          <>
            API key {message.apiKey.name} (<code>{message.apiKey.prefix}</code>)
          </>
        ) : (
          'This website'
        )}
      </Detail>
      <Detail term="Provider">{message.provider}</Detail>
      <Detail term="Provider message id">
        {message.messageId ? <code>{message.messageId}</code> : none}
      </Detail>
      <Detail term="Message id">
        <code>{message.id}</code>
      </Detail>
      <Detail term="Idempotency key">
        {message.idempotencyKey ? <code>{message.idempotencyKey}</code> : none}
      </Detail>
      <Detail term="Time to live">
        {message.timeToLive
          ? formatSeconds(message.timeToLive)
          : 'Provider default (72 h)'}
      </Detail>
      <Detail term="Max price">
        {message.maxPrice ? formatUsd(message.maxPrice) : none}
      </Detail>
      <Detail term="Configuration set">
        {message.configurationSetName ? (
          <code>{message.configurationSetName}</code>
        ) : (
          none
        )}
      </Detail>
      <Detail term="Context">
        {message.context && Object.keys(message.context).length > 0 ? (
          <ContextPairs context={message.context} />
        ) : (
          none
        )}
      </Detail>
    </dl>
  </section>
)

export const Success = ({
  mmsMessage: message,
  queryResult,
}: CellSuccessProps<MessageCell_Find, MessageCell_FindVariables>) => {
  usePollUntil(queryResult, pollUntil([message]), POLL_INTERVAL_MS)

  return (
    <>
      <StatusSection message={message} />
      <DeliverySection message={message} />
      <ContentSection message={message} />
      <section className="card" aria-labelledby="attempts-heading">
        <h2 id="attempts-heading">Attempts ({message.attemptCount})</h2>
        <MessageAttemptsTable attempts={message.attempts} />
      </section>
      <RecordSection message={message} />
    </>
  )
}
