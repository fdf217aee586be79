import type { MmsMessage, Prisma } from '@prisma/client'

import { db } from 'src/lib/db'
import { MMS_STATUS, statusesBefore } from 'src/lib/messageStatus'
import { mmsError, type MmsErrorCode } from 'src/lib/mmsErrors'
import { enqueueStatusWebhooks } from 'src/lib/webhooks/enqueue'

import { passSendGate } from './pacing'

/**
 * The queue is the message table itself: a QUEUED message with its
 * nextAttemptAt is its place in the queue, written in the transaction that
 * records it, and its lease (leaseOwner, leaseExpiresAt) says which worker
 * holds it. Every write here is conditional on the state it expects, so two
 * workers can never both send a message.
 */

const leaseFree = (nowMs: number): Prisma.MmsMessageWhereInput => ({
  OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: new Date(nowMs) } }],
})

/** What a worker needs of a due message before its send starts. */
export type DueMessage = Pick<
  MmsMessage,
  | 'id'
  | 'nextAttemptAt'
  | 'expiresAt'
  | 'originationIdentity'
  | 'destinationPhoneNumber'
>

/** Queued messages due within `horizonMs`, earliest first, that no live lease holds. */
export const findDueMessages = (
  nowMs: number,
  horizonMs: number,
  limit: number
): Promise<DueMessage[]> =>
  db.mmsMessage.findMany({
    where: {
      status: MMS_STATUS.QUEUED,
      nextAttemptAt: { lte: new Date(nowMs + horizonMs) },
      ...leaseFree(nowMs),
    },
    orderBy: { nextAttemptAt: 'asc' },
    take: limit,
    select: {
      id: true,
      nextAttemptAt: true,
      expiresAt: true,
      originationIdentity: true,
      destinationPhoneNumber: true,
    },
  })

/** Takes a queued message for `owner` for `leaseMs`; false if another holds it. */
export const claimMessage = async (
  id: string,
  owner: string,
  nowMs: number,
  leaseMs: number
): Promise<boolean> => {
  const { count } = await db.mmsMessage.updateMany({
    where: { id, status: MMS_STATUS.QUEUED, ...leaseFree(nowMs) },
    data: { leaseOwner: owner, leaseExpiresAt: new Date(nowMs + leaseMs) },
  })
  return count === 1
}

/** Gives back messages claimed but not yet being sent, so others take them at once. */
export const releaseClaims = async (owner: string, ids: string[]) => {
  if (ids.length === 0) return
  await db.mmsMessage.updateMany({
    where: { id: { in: ids }, status: MMS_STATUS.QUEUED, leaseOwner: owner },
    data: { leaseOwner: null, leaseExpiresAt: null },
  })
}

export type StartedAttempt =
  | { kind: 'STARTED'; message: MmsMessage }
  /** Another worker holds the message now. */
  | { kind: 'LOST' }
  /** The identity's previous request went out too recently. */
  | { kind: 'WAIT'; waitMs: number }

class GateClosed extends Error {
  constructor(readonly waitMs: number) {
    super('send gate closed')
  }
}

/**
 * Marks the send as started, durably, before the request goes out: the
 * message becomes SENDING and its attempt is recorded as NO_RESPONSE until
 * the answer replaces it. If the process dies mid-request, the message is
 * found SENDING with an expired lease and ends UNKNOWN, never sent again.
 * The identity's send gate is passed in the same commit.
 */
export const startAttempt = async (
  id: string,
  owner: string,
  nowMs: number,
  leaseMs: number,
  pace: { identity: string; intervalMs: number }
): Promise<StartedAttempt> => {
  try {
    return await db.$transaction(async (tx): Promise<StartedAttempt> => {
      // The conditional write returns the row it wrote, so the send has the
      // message as it now stands without reading it again.
      const [message] = await tx.mmsMessage.updateManyAndReturn({
        where: {
          id,
          status: { in: statusesBefore(MMS_STATUS.SENDING) },
          leaseOwner: owner,
          leaseExpiresAt: { gt: new Date(nowMs) },
        },
        data: {
          status: MMS_STATUS.SENDING,
          attemptCount: { increment: 1 },
          nextAttemptAt: null,
          leaseExpiresAt: new Date(nowMs + leaseMs),
        },
      })
      if (!message) {
        return { kind: 'LOST' }
      }
      const gate = await passSendGate(tx, pace.identity, pace.intervalMs, nowMs)
      if (gate.passed === false) {
        throw new GateClosed(gate.waitMs)
      }
      await tx.mmsAttempt.create({
        data: {
          messageId: id,
          number: message.attemptCount,
          startedAt: new Date(nowMs),
          durationMs: 0,
          outcome: 'NO_RESPONSE',
        },
        select: { id: true },
      })
      return { kind: 'STARTED', message }
    })
  } catch (error) {
    if (error instanceof GateClosed) {
      return { kind: 'WAIT', waitMs: error.waitMs }
    }
    throw error
  }
}

/**
 * Fails a queued message this worker holds, without sending it; false when
 * the message was no longer this worker's to fail.
 */
export const failQueued = async (
  id: string,
  owner: string,
  code: MmsErrorCode
): Promise<boolean> => {
  const { message } = mmsError(code)
  return db.$transaction(async (tx) => {
    const { count } = await tx.mmsMessage.updateMany({
      where: {
        id,
        status: { in: statusesBefore(MMS_STATUS.FAILED) },
        leaseOwner: owner,
      },
      data: {
        status: MMS_STATUS.FAILED,
        errorCode: code,
        errorMessage: message,
        nextAttemptAt: null,
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    })
    if (count > 0) {
      await enqueueStatusWebhooks(tx, id, MMS_STATUS.FAILED, Date.now())
    }
    return count > 0
  })
}

/**
 * Ends every send whose worker died mid-request (SENDING, lease run out) as
 * UNKNOWN: the request may have reached the provider, so it is not resent.
 * A delivery event that arrives later can still resolve it.
 */
export const expireAbandonedSends = async (nowMs: number): Promise<number> => {
  const { code, message } = mmsError('OUTCOME_UNKNOWN')
  const abandoned: Prisma.MmsMessageWhereInput = {
    status: { in: statusesBefore(MMS_STATUS.UNKNOWN) },
    leaseExpiresAt: { lt: new Date(nowMs) },
  }
  const found = await db.mmsMessage.findMany({
    where: abandoned,
    select: { id: true },
  })
  if (found.length === 0) {
    return 0
  }
  // One conditional write per message, so the status webhooks go out for
  // exactly the messages this sweep moved (a settle may win the race).
  return db.$transaction(async (tx) => {
    const expired: string[] = []
    for (const { id } of found) {
      const { count } = await tx.mmsMessage.updateMany({
        where: { id, ...abandoned },
        data: {
          status: MMS_STATUS.UNKNOWN,
          errorCode: code,
          errorMessage: message,
          leaseOwner: null,
          leaseExpiresAt: null,
        },
      })
      if (count > 0) {
        expired.push(id)
      }
    }
    await enqueueStatusWebhooks(tx, expired, MMS_STATUS.UNKNOWN, nowMs)
    return expired.length
  })
}
