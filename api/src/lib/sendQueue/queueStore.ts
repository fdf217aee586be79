import { randomUUID } from 'node:crypto'

import { Prisma, type MmsMessage } from '@prisma/client'

import { db, rawDb } from 'src/lib/db'
import { updateMessage } from 'src/lib/messageRows'
import { MMS_STATUS, statusesBefore } from 'src/lib/messageStatus'
import { mmsError, type MmsErrorCode } from 'src/lib/mmsErrors'
import { optionalDateOf } from 'src/lib/rawDb'
import { enqueueStatusWebhooks } from 'src/lib/webhooks/enqueue'

import { passSendGate } from './pacing'

/**
 * The queue is the message table itself: a QUEUED message with its
 * nextAttemptAt is its place in the queue, written in the transaction that
 * records it, and its lease (leaseOwner, leaseExpiresAt) says which worker
 * holds it. Every write here is conditional on the state it expects, so two
 * workers can never both send a message.
 */

const leaseFreeSql = (nowMs: number) =>
  Prisma.sql`("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < ${new Date(nowMs)})`

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
export const findDueMessages = async (
  nowMs: number,
  horizonMs: number,
  limit: number
): Promise<DueMessage[]> => {
  const rows = await rawDb.$queryRaw<Record<string, unknown>[]>`
    SELECT "id", "nextAttemptAt", "expiresAt", "originationIdentity",
      "destinationPhoneNumber"
    FROM "MmsMessage"
    WHERE "status" = ${MMS_STATUS.QUEUED}
      AND "nextAttemptAt" <= ${new Date(nowMs + horizonMs)}
      AND ${leaseFreeSql(nowMs)}
    ORDER BY "nextAttemptAt" ASC
    LIMIT ${limit}`
  return rows.map((row) => ({
    id: row.id as string,
    nextAttemptAt: optionalDateOf(row.nextAttemptAt),
    expiresAt: optionalDateOf(row.expiresAt),
    originationIdentity: row.originationIdentity as string,
    destinationPhoneNumber: row.destinationPhoneNumber as string,
  }))
}

/** Takes a queued message for `owner` for `leaseMs`; false if another holds it. */
export const claimMessage = async (
  id: string,
  owner: string,
  nowMs: number,
  leaseMs: number
): Promise<boolean> => {
  const count = await rawDb.$executeRaw`
    UPDATE "MmsMessage"
    SET "leaseOwner" = ${owner}, "leaseExpiresAt" = ${new Date(nowMs + leaseMs)},
      "updatedAt" = ${new Date()}
    WHERE "id" = ${id} AND "status" = ${MMS_STATUS.QUEUED}
      AND ${leaseFreeSql(nowMs)}`
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
    return await rawDb.$transaction(async (tx): Promise<StartedAttempt> => {
      // The conditional write returns the row it wrote, so the send has the
      // message as it now stands without reading it again.
      const message = await updateMessage(
        tx,
        Prisma.sql`"id" = ${id}
          AND "status" IN (${Prisma.join(statusesBefore(MMS_STATUS.SENDING))})
          AND "leaseOwner" = ${owner}
          AND "leaseExpiresAt" > ${new Date(nowMs)}`,
        {
          status: MMS_STATUS.SENDING,
          attemptCount: Prisma.sql`"attemptCount" + 1`,
          nextAttemptAt: null,
          leaseExpiresAt: new Date(nowMs + leaseMs),
        }
      )
      if (!message) {
        return { kind: 'LOST' }
      }
      const gate = await passSendGate(tx, pace.identity, pace.intervalMs, nowMs)
      if (gate.passed === false) {
        throw new GateClosed(gate.waitMs)
      }
      await tx.$executeRaw`
        INSERT INTO "MmsAttempt" ("id", "messageId", "number", "startedAt",
          "durationMs", "outcome")
        VALUES (${randomUUID()}, ${id}, ${message.attemptCount},
          ${new Date(nowMs)}, 0, ${'NO_RESPONSE'})`
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
