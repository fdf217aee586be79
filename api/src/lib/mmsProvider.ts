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
  protectConfigurationId?: string
  messageFeedbackEnabled?: boolean
  context?: Record<string, string>
}

/**
 * Why a FAILED attempt may be tried again: THROTTLED (the sender's rate was
 * exceeded; does not use up the message's attempts) or TRANSIENT (the
 * provider failed or could not be reached, and certainly did not take it).
 */
export type RetryReason = 'THROTTLED' | 'TRANSIENT'

/**
 * ACCEPTED: the provider took the message. REJECTED: it refused it for good.
 * RETRYABLE: it certainly did not take it and a retry may succeed.
 * THROTTLED: refused for now because the sender's rate was exceeded.
 * NO_RESPONSE: no answer, so it may or may not have taken it.
 */
export type AttemptOutcome =
  | 'ACCEPTED'
  | 'REJECTED'
  | 'RETRYABLE'
  | 'THROTTLED'
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
      /** Set when a later attempt may succeed (FAILED only). */
      retry?: RetryReason
    }

/**
 * One way of sending MMS (AWS today; Sinch or Plivo could follow). `send`
 * makes one request: retries are the send queue's, so that they are paced,
 * spread out and recorded, whatever else is failing in the process.
 */
export interface MmsProvider {
  readonly name: string
  send(message: OutgoingMms): Promise<SendOutcome>
}
