import type { MmsStatus } from 'types/graphql'

/**
 * The SDL's MmsStatus enum is the one definition of the statuses; this object
 * gives the api their runtime values and fails the type check if the two
 * ever differ.
 */
export const MMS_STATUS = {
  QUEUED: 'QUEUED',
  SENDING: 'SENDING',
  SENT: 'SENT',
  FAILED: 'FAILED',
  UNKNOWN: 'UNKNOWN',
  DELIVERED: 'DELIVERED',
  UNDELIVERED: 'UNDELIVERED',
} as const satisfies { [S in MmsStatus]: S }

export type { MmsStatus }

/**
 * The statuses each status may be reached from. A status moves forward only:
 * a late or repeated event, or a late send result, never moves a message
 * back. The one step back to QUEUED is a retry, taken only after the provider
 * certainly did not accept the attempt. UNKNOWN can still be resolved by a
 * send result or a delivery event that arrives after it.
 */
const REACHABLE_FROM: { [S in MmsStatus]: readonly MmsStatus[] } = {
  QUEUED: ['SENDING'],
  SENDING: ['QUEUED'],
  SENT: ['SENDING', 'UNKNOWN'],
  FAILED: ['QUEUED', 'SENDING'],
  UNKNOWN: ['SENDING'],
  DELIVERED: ['SENDING', 'SENT', 'UNKNOWN'],
  UNDELIVERED: ['SENDING', 'SENT', 'UNKNOWN'],
}

/** The statuses a message must be in for a write to move it to `to`. */
export const statusesBefore = (to: MmsStatus): MmsStatus[] => [
  ...REACHABLE_FROM[to],
]

export const mayMove = (from: MmsStatus, to: MmsStatus): boolean =>
  REACHABLE_FROM[to].includes(from)

/** Statuses after which nothing more happens to a message. */
export const FINAL_STATUSES: readonly MmsStatus[] = [
  'FAILED',
  'DELIVERED',
  'UNDELIVERED',
]
