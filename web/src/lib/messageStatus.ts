import type { MmsStatus } from 'types/graphql'

/** How a status looks: the colour of its badge and of a notice about it. */
export type StatusTone = 'info' | 'success' | 'warning' | 'error'

/**
 * Whether a message can still change on its own: `onItsWay` will be sent
 * shortly; `awaitingDelivery` may still be moved by a delivery event; `final`
 * will not change again.
 */
export type StatusProgress = 'onItsWay' | 'awaitingDelivery' | 'final'

export interface StatusDefinition {
  label: string
  tone: StatusTone
  /** What the status means for the person who sent the message. */
  explanation: string
  /** Whether the message's errorMessage is the reason for this status. */
  showsReason: boolean
  progress: StatusProgress
}

/**
 * Everything the web shows about a status. Keyed by the SDL's MmsStatus, so a
 * status added to or removed from the api fails the type check here.
 */
export const MESSAGE_STATUS: { [S in MmsStatus]: StatusDefinition } = {
  QUEUED: {
    label: 'Queued',
    tone: 'info',
    explanation:
      'Recorded and waiting for its turn. It will be handed to AWS shortly.',
    showsReason: false,
    progress: 'onItsWay',
  },
  SENDING: {
    label: 'Sending',
    tone: 'info',
    explanation: 'Being handed to AWS now.',
    showsReason: false,
    progress: 'onItsWay',
  },
  SENT: {
    label: 'Sent',
    tone: 'success',
    explanation:
      'AWS accepted the message. Delivery to the handset is reported later.',
    showsReason: false,
    progress: 'awaitingDelivery',
  },
  DELIVERED: {
    label: 'Delivered',
    tone: 'success',
    explanation: 'The carrier reported the message delivered to the handset.',
    showsReason: false,
    progress: 'final',
  },
  UNDELIVERED: {
    label: 'Not delivered',
    tone: 'error',
    explanation:
      'AWS sent the message, but the carrier reported that it could not be delivered. The reason is below.',
    showsReason: true,
    progress: 'final',
  },
  FAILED: {
    label: 'Failed',
    tone: 'error',
    explanation: 'Not sent. The reason is below.',
    showsReason: true,
    progress: 'final',
  },
  UNKNOWN: {
    label: 'Unknown',
    tone: 'warning',
    explanation:
      'AWS did not answer in time, so the message may or may not have been sent. It is not retried, to avoid a duplicate.',
    showsReason: true,
    progress: 'awaitingDelivery',
  },
}

export const MESSAGE_STATUSES = Object.keys(MESSAGE_STATUS) as MmsStatus[]

export const isMessageStatus = (value: unknown): value is MmsStatus =>
  MESSAGE_STATUSES.includes(value as MmsStatus)

/**
 * How long after its last change a SENT or UNKNOWN message is still watched
 * for a delivery event. Carriers can take up to 72 hours, but most report
 * within minutes; a later event shows on the next visit.
 */
export const DELIVERY_WATCH_MS = 15 * 60_000

export interface WatchedMessage {
  status: MmsStatus
  /** When the message last changed (ISO 8601). */
  updatedAt: string
}

/**
 * Until when (epoch ms) a message may still change on its own: always while
 * it is on its way, for a while after it was sent, and never once final.
 */
export const changesUntil = ({ status, updatedAt }: WatchedMessage): number => {
  switch (MESSAGE_STATUS[status].progress) {
    case 'onItsWay':
      return Infinity
    case 'awaitingDelivery':
      return Date.parse(updatedAt) + DELIVERY_WATCH_MS
    case 'final':
      return -Infinity
  }
}

/** Until when a view showing these messages should keep asking for news. */
export const pollUntil = (messages: readonly WatchedMessage[]): number =>
  Math.max(-Infinity, ...messages.map(changesUntil))

/** Whether a view showing these messages should still ask for news at `now`. */
export const shouldPoll = (
  messages: readonly WatchedMessage[],
  now: number = Date.now()
) => pollUntil(messages) > now
