import type { MmsError } from './mmsErrors'

/** A message ready to hand to a provider, already validated and recorded. */
export interface OutgoingMms {
  /** Our record id, carried to the provider so its events can be matched back. */
  recordId: string
  originationIdentity: string
  destinationPhoneNumber: string
  messageBody?: string
  mediaUrls: string[]
  dryRun: boolean
  timeToLive?: number
  maxPrice?: string
  configurationSetName?: string
  context?: Record<string, string>
}

/**
 * ACCEPTED: the provider took the message. REJECTED: it refused it for good.
 * RETRYABLE: it certainly did not take it and a retry may succeed.
 * NO_RESPONSE: no answer, so it may or may not have taken it.
 */
export type AttemptOutcome =
  | 'ACCEPTED'
  | 'REJECTED'
  | 'RETRYABLE'
  | 'NO_RESPONSE'

export interface AttemptRecord {
  number: number
  startedAt: Date
  durationMs: number
  outcome: AttemptOutcome
  httpStatus?: number
  errorCode?: string
}

export type SendOutcome =
  | { status: 'SENT'; providerMessageId: string; attempts: AttemptRecord[] }
  | {
      /** FAILED: certainly not sent. UNKNOWN: may have been sent. */
      status: 'FAILED' | 'UNKNOWN'
      error: MmsError
      attempts: AttemptRecord[]
    }

/** One way of sending MMS (AWS today; Sinch or Plivo could follow). */
export interface MmsProvider {
  readonly name: string
  send(message: OutgoingMms): Promise<SendOutcome>
}
