import type { MessagesCell_List } from 'types/graphql'

import { Link, routes } from '@redwoodjs/router'

import DateTime from 'src/components/DateTime'
import MaskedPhoneNumber from 'src/components/MaskedPhoneNumber'
import MediaThumbnail from 'src/components/MediaThumbnail'
import StatusBadge from 'src/components/StatusBadge'
import { mediaKindLabel } from 'src/lib/mediaKind'
import { MESSAGE_STATUS } from 'src/lib/messageStatus'
import { excerpt } from 'src/lib/text'

export type MessageSummaryData =
  MessagesCell_List['mmsMessages']['nodes'][number]

const EXCERPT_LENGTH = 140

const MessageSummary = ({ message }: { message: MessageSummaryData }) => {
  const media = message.media[0]
  const { showsReason } = MESSAGE_STATUS[message.status]

  return (
    <article className="message-summary">
      <MediaThumbnail media={media} />
      <div className="message-summary__main">
        <div className="message-summary__heading">
          <h2 className="message-summary__title">
            <Link
              to={routes.message({ id: message.id })}
              className="message-summary__link"
            >
              To <MaskedPhoneNumber e164={message.destinationPhoneNumber} />
            </Link>
          </h2>
          <StatusBadge status={message.status} />
          {message.dryRun && <span className="tag">Dry run</span>}
          <DateTime iso={message.createdAt} className="message-summary__time" />
        </div>
        <p className="message-summary__body">
          {message.messageBody ? (
            excerpt(message.messageBody, EXCERPT_LENGTH)
          ) : (
            <span className="muted">No text</span>
          )}
          {media && (
            <span className="sr-only">
              . {mediaKindLabel(media.contentType)} attached.
            </span>
          )}
        </p>
        {showsReason && message.errorMessage && (
          <p className="message-summary__error">{message.errorMessage}</p>
        )}
      </div>
    </article>
  )
}

export default MessageSummary
