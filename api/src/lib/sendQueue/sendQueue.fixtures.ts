import type { Prisma } from '@prisma/client'

import { mmsError, type MmsErrorCode } from 'src/lib/mmsErrors'
import type {
  MmsProvider,
  OutgoingMms,
  RetryReason,
  SendOutcome,
} from 'src/lib/mmsProvider'

import { OriginationRates } from './originationRates'

/** Test support for the send queue's tests; not part of the api bundle. */

export const IDENTITY = '+18445550100'

/** The instant the queue tests that pass their own clock are set at. */
export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0)
export const at = (offsetMs: number) => new Date(NOW + offsetMs)

/** A message row: QUEUED and due at NOW unless overridden. */
export const messageRow = (
  userId: number,
  overrides: Partial<Prisma.MmsMessageCreateManyInput> = {}
): { data: Prisma.MmsMessageCreateManyInput } => ({
  data: {
    userId,
    provider: 'aws',
    originationIdentity: IDENTITY,
    destinationPhoneNumber: '+12065550123',
    messageBody: 'Hello',
    media: '[]',
    requestHash: 'scenario',
    status: 'QUEUED',
    nextAttemptAt: at(0),
    expiresAt: at(4 * 3_600_000),
    ...overrides,
  },
})

/** The attempt a worker recorded when it started sending (startAttempt). */
export const startedAttemptRow = (
  messageId: string,
  number = 1
): { data: Prisma.MmsAttemptCreateManyInput } => ({
  data: {
    messageId,
    number,
    startedAt: at(0),
    durationMs: 0,
    outcome: 'NO_RESPONSE',
  },
})

export const sent = (providerMessageId: string): SendOutcome => ({
  status: 'SENT',
  providerMessageId,
  attempts: [],
})

export const failed = (
  code: MmsErrorCode,
  retry?: RetryReason
): SendOutcome => ({
  status: 'FAILED',
  error: mmsError(code),
  attempts: [],
  ...(retry ? { retry } : {}),
})

export const throttled = () => failed('THROTTLED', 'THROTTLED')
export const unavailable = () => failed('PROVIDER_UNAVAILABLE', 'TRANSIENT')

export const unknown = (): SendOutcome => ({
  status: 'UNKNOWN',
  error: mmsError('OUTCOME_UNKNOWN'),
  attempts: [],
})

export interface ProviderCall {
  message: OutgoingMms
  atMs: number
}

/**
 * A provider that records every message it is handed, and answers with
 * `answer` (by default: accepted, with an id made from our record id).
 */
export class FakeProvider implements MmsProvider {
  readonly name = 'fake'
  readonly calls: ProviderCall[] = []

  constructor(
    private readonly answer: (
      message: OutgoingMms,
      callNumber: number
    ) => SendOutcome | Promise<SendOutcome> = (message) =>
      sent(`fake-${message.recordId}`)
  ) {}

  async send(message: OutgoingMms): Promise<SendOutcome> {
    this.calls.push({ message, atMs: Date.now() })
    return this.answer(message, this.calls.length)
  }

  callsFor(recordId: string) {
    return this.calls.filter((call) => call.message.recordId === recordId)
  }
}

/** Rates that need no AWS: IDENTITY at `messagesPerSecond`. */
export const fixedRates = (messagesPerSecond: number) =>
  new OriginationRates(async () => [], { [IDENTITY]: messagesPerSecond })

// Node's timers count from the event loop's cached clock, so a worker can
// try a message a few ms before Date.now() reaches its slot.
export const TIMER_SLACK_MS = 10

export const pause = (ms: number) =>
  new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `check` until it returns something truthy, or fails after `timeoutMs`. */
export const eventually = async <T>(
  check: () => Promise<T>,
  timeoutMs = 10_000,
  what = 'the condition'
): Promise<NonNullable<T>> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) {
      return value as NonNullable<T>
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`)
    }
    await pause(10)
  }
}
