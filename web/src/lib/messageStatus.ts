import type { MmsStatus } from 'types/graphql'

export const STATUS_LABELS: Record<MmsStatus, string> = {
  PENDING: 'Pending',
  SENDING: 'Sending',
  SENT: 'Sent',
  FAILED: 'Failed',
  UNKNOWN: 'Unknown',
}

/** What each status means for the person who sent the message. */
export const STATUS_DESCRIPTIONS: Record<MmsStatus, string> = {
  PENDING: 'Recorded, not yet handed to AWS.',
  SENDING: 'Being handed to AWS now.',
  SENT: 'AWS accepted the message. Delivery to the handset is reported later.',
  FAILED: 'Not sent. The reason is below.',
  UNKNOWN:
    'AWS did not answer in time, so the message may or may not have been sent. It is not retried, to avoid a duplicate.',
}

export const MESSAGE_STATUSES = Object.keys(STATUS_LABELS) as MmsStatus[]

export const isMessageStatus = (value: unknown): value is MmsStatus =>
  MESSAGE_STATUSES.includes(value as MmsStatus)

/** Statuses that will still change, so a view showing them keeps polling. */
export const isInFlight = (status: MmsStatus) =>
  status === 'PENDING' || status === 'SENDING'

export const STATUS_POLL_INTERVAL_MS = 5_000
