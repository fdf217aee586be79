import type { MessageCell_Find } from 'types/graphql'

import DateTime from 'src/components/DateTime'
import StatusBadge from 'src/components/StatusBadge'
import { eventTypeLabel } from 'src/lib/deliveryEvents'
import { formatUsd } from 'src/lib/money'

type DeliveryEvent = NonNullable<
  MessageCell_Find['mmsMessage']
>['events'][number]

/** What the provider reported about a message after accepting it, oldest first. */
const MessageEventTimeline = ({
  events,
}: {
  events: readonly DeliveryEvent[]
}) => {
  if (events.length === 0) {
    return (
      <p className="muted">
        No delivery events yet. AWS reports them when the message’s
        configuration set has an event destination.
      </p>
    )
  }
  return (
    <ol className="timeline" aria-label="Delivery events">
      {events.map((event, index) => (
        // Events are only ever appended, so a position names one event.
        <li key={index} className="timeline__event">
          <p className="timeline__heading">
            <DateTime
              iso={event.occurredAt}
              precise
              className="timeline__time"
            />
            <span className="timeline__type">{eventTypeLabel(event.type)}</span>
            {event.status && <StatusBadge status={event.status} />}
          </p>
          {event.description && (
            <p className="timeline__description">{event.description}</p>
          )}
          {(event.carrier || event.priceUsd) && (
            <p className="timeline__facts muted">
              {event.carrier && <span>Carrier: {event.carrier}</span>}
              {event.priceUsd && (
                <span>Price: {formatUsd(event.priceUsd)}</span>
              )}
            </p>
          )}
        </li>
      ))}
    </ol>
  )
}

export default MessageEventTimeline
