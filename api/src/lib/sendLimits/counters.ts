import { Prisma } from '@prisma/client'

import { rawDb } from 'src/lib/db'
import { logger } from 'src/lib/logger'
import type { RawClient } from 'src/lib/rawDb'

/** A counter row outlives its window by this much, for processes whose clocks run a little late. */
export const COUNTER_GRACE_MS = 5 * 60_000

export interface CounterTake {
  key: string
  limit: number
  expiresAtMs: number
}

/**
 * Adds one to every counter below its limit and returns the keys of those
 * it could not take from (already at their limit). One statement, atomic in
 * SQLite and PostgreSQL alike: of any number of concurrent callers, at most
 * `limit` ever find a counter taken. Run it in the transaction that records
 * the message, and roll back when a key comes back, so that nothing is taken.
 */
export const takeFromCounters = async (
  tx: RawClient,
  takes: readonly CounterTake[]
): Promise<string[]> => {
  const closed = takes.filter((take) => take.limit < 1).map((t) => t.key)
  const open = takes.filter((take) => take.limit >= 1)
  if (open.length === 0) {
    return closed
  }
  const limitOfKey = Prisma.join(
    open.map((take) => Prisma.sql`WHEN ${take.key} THEN ${take.limit}`),
    ' '
  )
  const taken = await tx.$queryRaw<{ key: string }[]>`
    INSERT INTO "SendCounter" ("key", "count", "expiresAtMs")
    VALUES ${Prisma.join(
      open.map(
        (take) => Prisma.sql`(${take.key}, 1, ${BigInt(take.expiresAtMs)})`
      )
    )}
    ON CONFLICT ("key") DO UPDATE SET "count" = "SendCounter"."count" + 1
    WHERE "SendCounter"."count" < CAST(CASE "SendCounter"."key" ${limitOfKey} END AS INTEGER)
    RETURNING "key"`
  const takenKeys = new Set(taken.map((row) => row.key))
  return [...closed, ...open.map((t) => t.key).filter((k) => !takenKeys.has(k))]
}

/** Deletes counters whose window is long over; keys name their window, so none is reused. */
export const deleteExpiredCounters = (
  nowMs: number,
  client: RawClient = rawDb
): Promise<number> =>
  client.$executeRaw`
    DELETE FROM "SendCounter" WHERE "expiresAtMs" < ${BigInt(nowMs)}`

export const SWEEP_INTERVAL_MS = 10 * 60_000

let lastSweepMs = Number.NEGATIVE_INFINITY

/**
 * Deletes expired counters at most once per SWEEP_INTERVAL_MS in this
 * process, so a send pays for it rarely. A failure only delays the cleanup.
 */
export const sweepExpiredCountersWhenDue = async (
  nowMs: number,
  client: RawClient = rawDb
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
