import type { Prisma } from '@prisma/client'

import { db } from 'src/lib/db'
import { logger } from 'src/lib/logger'

/** A counter row outlives its window by this much, for processes whose clocks run a little late. */
export const COUNTER_GRACE_MS = 5 * 60_000

/**
 * Adds one to the counter `key` unless it has reached `limit`, and says
 * whether it did. One statement, atomic in SQLite and PostgreSQL alike: of
 * any number of concurrent callers, at most `limit` ever get true. Run it in
 * the transaction that records the message, so that a rollback gives the
 * count back.
 */
export const incrementBelowLimit = async (
  tx: Prisma.TransactionClient,
  key: string,
  limit: number,
  expiresAtMs: number
): Promise<boolean> => {
  if (limit < 1) {
    return false
  }
  const rows = await tx.$queryRaw<{ count: number }[]>`
    INSERT INTO "SendCounter" ("key", "count", "expiresAtMs")
    VALUES (${key}, 1, ${BigInt(expiresAtMs)})
    ON CONFLICT ("key") DO UPDATE SET "count" = "SendCounter"."count" + 1
    WHERE "SendCounter"."count" < ${limit}
    RETURNING "count"`
  return rows.length > 0
}

/** Deletes counters whose window is long over; keys name their window, so none is reused. */
export const deleteExpiredCounters = async (
  nowMs: number,
  client: Pick<typeof db, 'sendCounter'> = db
): Promise<number> => {
  const { count } = await client.sendCounter.deleteMany({
    where: { expiresAtMs: { lt: BigInt(nowMs) } },
  })
  return count
}

export const SWEEP_INTERVAL_MS = 10 * 60_000

let lastSweepMs = Number.NEGATIVE_INFINITY

/**
 * Deletes expired counters at most once per SWEEP_INTERVAL_MS in this
 * process, so a send pays for it rarely. A failure only delays the cleanup.
 */
export const sweepExpiredCountersWhenDue = async (
  nowMs: number,
  client: Pick<typeof db, 'sendCounter'> = db
): Promise<void> => {
  if (nowMs - lastSweepMs < SWEEP_INTERVAL_MS) {
    return
  }
  lastSweepMs = nowMs
  try {
    const deleted = await deleteExpiredCounters(nowMs, client)
    if (deleted > 0) {
      logger.debug({ deleted }, 'Deleted expired send counters')
    }
  } catch (err) {
    logger.warn({ err }, 'Could not delete expired send counters')
  }
}
