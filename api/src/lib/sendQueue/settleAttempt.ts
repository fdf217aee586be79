import type { MmsMessage, Prisma } from '@prisma/client'

import { db } from 'src/lib/db'
import { MMS_STATUS, statusesBefore } from 'src/lib/messageStatus'
import type { AttemptRecord, SendOutcome } from 'src/lib/mmsProvider'
import { enqueueStatusWebhooks } from 'src/lib/webhooks/enqueue'

import { reserveSendSlot } from './pacing'

/** What the queue does with a message after an attempt. */
export type Settlement =
  | { kind: 'RECORD' }
  /** Queue it again at its identity's first free slot from `notBeforeMs`. */
  | { kind: 'RETRY'; notBeforeMs: number; intervalMs: number }

const attemptData = (
  outcome: SendOutcome
): Omit<Prisma.MmsAttemptUpdateInput, 'message'> => {
  const [record]: (AttemptRecord | undefined)[] = outcome.attempts
  if (record) {
    return {
      startedAt: record.startedAt,
      durationMs: record.durationMs,
      outcome: record.outcome,
      httpStatus: record.httpStatus ?? null,
      errorCode: record.errorCode ?? null,
    }
  }
  // The provider failed before its request went out (no HTTP attempt).
  return {
    outcome:
      outcome.status === 'SENT'
        ? 'ACCEPTED'
        : outcome.status === 'UNKNOWN'
          ? 'NO_RESPONSE'
          : outcome.retry === 'THROTTLED'
            ? 'THROTTLED'
            : outcome.retry
              ? 'RETRYABLE'
              : 'REJECTED',
  }
}

/**
 * Records an attempt's answer and moves the message on, in one transaction:
 * SENT with the provider's id, back to QUEUED for a retry (unless its next
 * slot falls after the message's deadline), or FAILED or UNKNOWN. Each move is conditional on the statuses it may come from, so a
 * delivery event recorded meanwhile is never undone; the provider's id is
 * kept whatever the status.
 */
export const settleAttempt = (
  sending: MmsMessage,
  owner: string,
  outcome: SendOutcome,
  settlement: Settlement,
  nowMs: number
) =>
  db.$transaction(async (tx) => {
    const { id } = sending
    await tx.mmsAttempt.update({
      where: {
        messageId_number: { messageId: id, number: sending.attemptCount },
      },
      data: attemptData(outcome),
      select: { id: true },
    })
    const released = { leaseOwner: null, leaseExpiresAt: null }
    // Each move returns the row it wrote (none when its condition no longer
    // holds), so the message is read again only when a move did not happen.
    const current = () => tx.mmsMessage.findUniqueOrThrow({ where: { id } })

    if (outcome.status === 'SENT') {
      const [moved] = await tx.mmsMessage.updateManyAndReturn({
        where: { id, status: { in: statusesBefore(MMS_STATUS.SENT) } },
        data: {
          status: MMS_STATUS.SENT,
          providerMessageId: outcome.providerMessageId,
          sentAt: new Date(nowMs),
          errorCode: null,
          errorMessage: null,
          ...released,
        },
      })
      if (moved) {
        await enqueueStatusWebhooks(tx, id, MMS_STATUS.SENT, nowMs)
        return moved
      }
      await tx.mmsMessage.updateMany({
        where: { id, providerMessageId: null },
        data: {
          providerMessageId: outcome.providerMessageId,
          sentAt: new Date(nowMs),
          ...released,
        },
      })
      return current()
    }

    const retryAt =
      settlement.kind === 'RETRY'
        ? await reserveSendSlot(
            tx,
            sending.originationIdentity,
            settlement.intervalMs,
            settlement.notBeforeMs
          )
        : undefined
    const expiresAtMs = sending.expiresAt?.getTime() ?? Infinity
    if (retryAt !== undefined && retryAt < expiresAtMs) {
      // Back to QUEUED, which is all the caller has heard (SENDING is never
      // reported), so there is no change to report.
      const [requeued] = await tx.mmsMessage.updateManyAndReturn({
        where: {
          id,
          status: { in: statusesBefore(MMS_STATUS.QUEUED) },
          leaseOwner: owner,
        },
        data: {
          status: MMS_STATUS.QUEUED,
          nextAttemptAt: new Date(retryAt),
          ...released,
        },
      })
      return requeued ?? current()
    }
    const [moved] = await tx.mmsMessage.updateManyAndReturn({
      where: { id, status: { in: statusesBefore(outcome.status) } },
      data: {
        status: outcome.status,
        errorCode: outcome.error.code,
        errorMessage: outcome.error.message,
        ...released,
      },
    })
    if (!moved) {
      return current()
    }
    await enqueueStatusWebhooks(tx, id, outcome.status, nowMs)
    return moved
  })
