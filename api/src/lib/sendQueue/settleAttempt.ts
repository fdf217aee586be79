import { Prisma, type MmsAttempt, type MmsMessage } from '@prisma/client'

import { rawDb } from 'src/lib/db'
import { assignments, findMessage, updateMessage } from 'src/lib/messageRows'
import {
  MMS_STATUS,
  statusesBefore,
  type MmsStatus,
} from 'src/lib/messageStatus'
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
): Partial<Omit<MmsAttempt, 'id' | 'messageId' | 'number'>> => {
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
  rawDb.$transaction(async (tx): Promise<MmsMessage> => {
    const { id } = sending
    const recorded = await tx.$executeRaw`
      UPDATE "MmsAttempt" SET ${assignments(attemptData(outcome))}
      WHERE "messageId" = ${id} AND "number" = ${sending.attemptCount}`
    if (recorded !== 1) {
      throw new Error(`Attempt ${sending.attemptCount} of ${id} is not recorded`)
    }
    const released = { leaseOwner: null, leaseExpiresAt: null }
    const current = async () => {
      const message = await findMessage(tx, id)
      if (!message) {
        throw new Error(`Message ${id} is gone`)
      }
      return message
    }
    const from = (status: MmsStatus) =>
      Prisma.sql`"id" = ${id} AND "status" IN (${Prisma.join(statusesBefore(status))})`

    if (outcome.status === 'SENT') {
      const moved = await updateMessage(tx, from(MMS_STATUS.SENT), {
        status: MMS_STATUS.SENT,
        providerMessageId: outcome.providerMessageId,
        sentAt: new Date(nowMs),
        errorCode: null,
        errorMessage: null,
        ...released,
      })
      if (moved) {
        await enqueueStatusWebhooks(tx, id, MMS_STATUS.SENT, nowMs)
        return moved
      }
      await updateMessage(
        tx,
        Prisma.sql`"id" = ${id} AND "providerMessageId" IS NULL`,
        {
          providerMessageId: outcome.providerMessageId,
          sentAt: new Date(nowMs),
          ...released,
        }
      )
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
      const requeued = await updateMessage(
        tx,
        Prisma.sql`${from(MMS_STATUS.QUEUED)} AND "leaseOwner" = ${owner}`,
        {
          status: MMS_STATUS.QUEUED,
          nextAttemptAt: new Date(retryAt),
          ...released,
        }
      )
      return requeued ?? current()
    }
    const moved = await updateMessage(tx, from(outcome.status), {
      status: outcome.status,
      errorCode: outcome.error.code,
      errorMessage: outcome.error.message,
      ...released,
    })
    if (!moved) {
      return current()
    }
    await enqueueStatusWebhooks(tx, id, outcome.status, nowMs)
    return moved
  })
