import { CONTEXT_MESSAGE_ID_KEY } from '@mms/rules'

import type { MmsStatus } from 'src/lib/messageStatus'
import type { MmsErrorCode } from 'src/lib/mmsErrors'

/**
 * An AWS End User Messaging event record (the Message of an SNS
 * notification), reduced to what the app uses, in the app's names.
 */
export interface EventRecord {
  eventType: string
  occurredAt: Date
  providerMessageId: string
  /** Our MmsMessage id, echoed from the Context sent with the message. */
  mmsMessageId: string | null
  /** The carrier's or AWS's own words: kept on the event, never shown as an error. */
  description: string | null
  /** carrierName, or "mcc/mnc" when only the network codes are given. */
  carrier: string | null
  /** Total price in US dollars as a decimal string; null when not above zero. */
  priceUsd: string | null
  requestedAt: Date | null
  destinationPhoneNumber: string | null
}

export type RecordResult =
  | { ok: true; record: EventRecord }
  | { ok: false; problem: string }

const textOf = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null

const timeOf = (value: unknown): Date | null => {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return null
  }
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

/** A positive number of dollars as plain decimal text: 0.0075, never 7.5e-3. */
export const decimalUsd = (value: unknown): string | null => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    return null
  }
  const fixed = value.toFixed(10).replace(/0+$/, '').replace(/\.$/, '')
  return fixed === '0' ? null : fixed
}

const carrierOf = (fields: Record<string, unknown>): string | null => {
  const name = textOf(fields.carrierName)
  if (name) {
    return name
  }
  const mcc = textOf(fields.mcc)
  const mnc = textOf(fields.mnc)
  return mcc && mnc ? `${mcc}/${mnc}` : null
}

const mmsMessageIdOf = (context: unknown): string | null => {
  if (typeof context !== 'object' || context === null) {
    return null
  }
  return textOf((context as Record<string, unknown>)[CONTEXT_MESSAGE_ID_KEY])
}

/** Parses the Message of a notification; the problem is safe to return. */
export const parseEventRecord = (message: string): RecordResult => {
  let parsed: unknown
  try {
    parsed = JSON.parse(message)
  } catch {
    return { ok: false, problem: 'The Message is not JSON.' }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, problem: 'The Message is not an event record.' }
  }
  const fields = parsed as Record<string, unknown>
  const eventType = textOf(fields.eventType)
  const providerMessageId = textOf(fields.messageId)
  const occurredAt = timeOf(fields.eventTimestamp)
  if (!eventType || !providerMessageId || !occurredAt) {
    return {
      ok: false,
      problem:
        'The event record needs eventType, messageId and eventTimestamp (ms).',
    }
  }
  return {
    ok: true,
    record: {
      eventType,
      occurredAt,
      providerMessageId,
      mmsMessageId: mmsMessageIdOf(fields.context),
      description: textOf(fields.messageStatusDescription),
      carrier: carrierOf(fields),
      priceUsd: decimalUsd(fields.totalMessagePrice),
      requestedAt: timeOf(fields.messageRequestTimestamp),
      destinationPhoneNumber: textOf(fields.destinationPhoneNumber),
    },
  }
}

/** What an MMS event type means for its message. */
export type EventMeaning =
  | { status: Extract<MmsStatus, 'SENT' | 'DELIVERED'> }
  | { status: Extract<MmsStatus, 'UNDELIVERED'>; errorCode: MmsErrorCode }

const undelivered = (errorCode: MmsErrorCode): EventMeaning => ({
  status: 'UNDELIVERED',
  errorCode,
})

/** Every MMS event type AWS documents; there is no MEDIA_FAILED. */
const MEDIA_EVENT_MEANINGS: Record<string, EventMeaning> = {
  MEDIA_PENDING: { status: 'SENT' },
  MEDIA_QUEUED: { status: 'SENT' },
  MEDIA_SUCCESSFUL: { status: 'SENT' },
  MEDIA_DELIVERED: { status: 'DELIVERED' },
  MEDIA_UNREACHABLE: undelivered('DESTINATION_UNREACHABLE'),
  MEDIA_CARRIER_UNREACHABLE: undelivered('DESTINATION_UNREACHABLE'),
  MEDIA_BLOCKED: undelivered('BLOCKED_BY_CARRIER'),
  MEDIA_CARRIER_BLOCKED: undelivered('BLOCKED_BY_CARRIER'),
  MEDIA_SPAM: undelivered('FLAGGED_AS_SPAM'),
  MEDIA_INVALID: undelivered('INVALID_DESTINATION'),
  MEDIA_INVALID_MESSAGE: undelivered('INVALID_MESSAGE'),
  MEDIA_TTL_EXPIRED: undelivered('DELIVERY_EXPIRED'),
  MEDIA_UNKNOWN: undelivered('DELIVERY_UNKNOWN'),
  MEDIA_FILE_INACCESSIBLE: undelivered('MEDIA_NOT_ACCESSIBLE'),
  MEDIA_FILE_TYPE_UNSUPPORTED: undelivered('MEDIA_TYPE_NOT_SUPPORTED'),
  MEDIA_FILE_SIZE_EXCEEDED: undelivered('MEDIA_TOO_LARGE'),
}

export const isMediaEvent = (eventType: string): boolean =>
  eventType.startsWith('MEDIA_')

/** The status an MMS event moves its message to; null for a type not known (yet). */
export const meaningOf = (eventType: string): EventMeaning | null =>
  Object.hasOwn(MEDIA_EVENT_MEANINGS, eventType)
    ? MEDIA_EVENT_MEANINGS[eventType]
    : null
