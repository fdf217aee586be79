import { maskPhoneNumber } from '@mms/rules'

import { db } from 'src/lib/db'
import { logger } from 'src/lib/logger'
import { MMS_STATUS } from 'src/lib/messageStatus'
import type { MmsProvider, SendOutcome } from 'src/lib/mmsProvider'

import { retryDelayMs } from './backoff'
import { intervalMsOf, type OriginationRates } from './originationRates'
import { toOutgoing } from './outgoing'
import { failQueued, startAttempt, type DueMessage } from './queueStore'
import { settleAttempt, type Settlement } from './settleAttempt'
import { announceSettled } from './signals'

export interface SendAttemptDeps {
  provider: MmsProvider
  rates: OriginationRates
  /** This worker's name, written into the leases it holds. */
  owner: string
  leaseMs: number
  /** Attempts per message, throttled ones not counted. */
  maxAttempts: number
  now?: () => number
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `write` until it succeeds: once the provider has answered, its answer
 * (above all a MessageId) must reach the database, whatever the database is
 * going through meanwhile.
 */
const untilWritten = async <T>(
  write: () => Promise<T>,
  log: typeof logger
): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write()
    } catch (error) {
      log.error(
        { err: error, attempt },
        'Could not record the send outcome; retrying'
      )
      await pause(Math.min(5_000, 100 * 2 ** Math.min(attempt, 6)))
    }
  }
}

const gateLines = new Map<string, Promise<void>>()

/**
 * Runs `pass` for one message of an identity at a time in this process, in
 * the order they arrive, so that sends waiting for the identity's gate take
 * turns instead of all trying it together each time it closes.
 */
const inGateLine = async <T>(
  identity: string,
  pass: () => Promise<T>
): Promise<T> => {
  const ahead = gateLines.get(identity) ?? Promise.resolve()
  let leave!: () => void
  const turn = new Promise<void>((resolve) => {
    leave = resolve
  })
  const line = ahead.then(() => turn)
  gateLines.set(identity, line)
  await ahead
  try {
    return await pass()
  } finally {
    leave()
    if (gateLines.get(identity) === line) {
      gateLines.delete(identity)
    }
  }
}

const countedAttempts = (messageId: string) =>
  db.mmsAttempt.count({ where: { messageId, outcome: { not: 'THROTTLED' } } })

const settlementFor = async (
  messageId: string,
  originationIdentity: string,
  outcome: SendOutcome,
  deps: SendAttemptDeps,
  nowMs: number
): Promise<Settlement> => {
  if (outcome.status !== 'FAILED' || !outcome.retry) {
    return { kind: 'RECORD' }
  }
  // The attempt just made is still NO_RESPONSE in the table; it counts
  // unless it was throttled.
  const counted =
    (await countedAttempts(messageId)) - (outcome.retry === 'THROTTLED' ? 1 : 0)
  if (outcome.retry === 'TRANSIENT' && counted >= deps.maxAttempts) {
    return { kind: 'RECORD' }
  }
  const rate = await deps.rates.rateOf(originationIdentity)
  return {
    kind: 'RETRY',
    notBeforeMs: nowMs + retryDelayMs(outcome.retry, counted),
    intervalMs: intervalMsOf(rate),
  }
}

/**
 * Sends a message this worker has claimed, once, and records the outcome.
 * Nothing here resends: a retry goes back to the queue at a paced, later slot.
 * It is not read again first: every write below is conditional on this
 * worker's lease and the message's status, so one that is no longer this
 * worker's to send is left alone.
 */
export const attemptClaimedMessage = async (
  claimed: DueMessage,
  deps: SendAttemptDeps
): Promise<void> => {
  const now = deps.now ?? Date.now
  const { id } = claimed
  const log = logger.child({
    mmsMessageId: id,
    destination: maskPhoneNumber(claimed.destinationPhoneNumber),
  })
  if (claimed.expiresAt && claimed.expiresAt.getTime() <= now()) {
    if (await failQueued(id, deps.owner, 'EXPIRED_IN_QUEUE')) {
      log.warn('MMS expired in the queue')
      announceSettled(id)
    }
    return
  }

  const pace = {
    identity: claimed.originationIdentity,
    intervalMs: intervalMsOf(
      await deps.rates.rateOf(claimed.originationIdentity)
    ),
  }
  const started = await inGateLine(pace.identity, async () => {
    let attempt = await startAttempt(id, deps.owner, now(), deps.leaseMs, pace)
    while (attempt.kind === 'WAIT') {
      await pause(attempt.waitMs)
      attempt = await startAttempt(id, deps.owner, now(), deps.leaseMs, pace)
    }
    return attempt
  })
  if (started.kind === 'LOST') {
    return
  }
  const sending = started.message
  const outcome = await deps.provider.send(toOutgoing(sending))
  const settled = await untilWritten(async () => {
    const nowMs = now()
    const settlement = await settlementFor(
      id,
      sending.originationIdentity,
      outcome,
      deps,
      nowMs
    )
    return settleAttempt(sending, deps.owner, outcome, settlement, nowMs)
  }, log)
  announceSettled(id, settled)

  const attempt = sending.attemptCount
  if (outcome.status === 'SENT') {
    log.info(
      { providerMessageId: outcome.providerMessageId, attempt },
      'MMS accepted by provider'
    )
  } else {
    log.warn(
      { status: settled.status, errorCode: outcome.error.code, attempt },
      settled.status === MMS_STATUS.QUEUED
        ? 'MMS attempt failed; queued again'
        : 'MMS not sent'
    )
  }
}
