import type { RawClient as Client } from 'src/lib/rawDb'

import { PACING_MARGIN } from './originationRates'

/**
 * Reserves an identity's next send slot at or after `notBeforeMs` and returns
 * its time (epoch ms). One statement, so every worker and api process, on
 * SQLite or PostgreSQL, shares one schedule per identity and slots are never
 * closer than `intervalMs`. Run it in the transaction that queues the message,
 * so a rolled-back send reserves nothing.
 */
export const reserveSendSlot = async (
  client: Client,
  identity: string,
  intervalMs: number,
  notBeforeMs: number
): Promise<number> => {
  const interval = BigInt(intervalMs)
  const notBefore = BigInt(Math.ceil(notBeforeMs))
  const rows = await client.$queryRaw<{ slot: bigint | number }[]>`
    INSERT INTO "OriginationPace" ("identity", "nextSlotAtMs")
    VALUES (${identity}, ${notBefore + interval})
    ON CONFLICT ("identity") DO UPDATE SET "nextSlotAtMs" =
      CASE WHEN "OriginationPace"."nextSlotAtMs" > ${notBefore}
        THEN "OriginationPace"."nextSlotAtMs" ELSE ${notBefore} END
      + ${interval}
    RETURNING "nextSlotAtMs" AS "slot"`
  return Number(rows[0].slot) - intervalMs
}

/**
 * How late a request may go out without the identity losing its slot: the
 * next one may still go at its own time, not a full interval after the late
 * one. Half the pacing margin, so any L + 1 requests of a limit of L a second
 * still span more than a second, with the other half left for jitter.
 */
export const CATCH_UP_MS = Math.floor(((PACING_MARGIN - 1) * 1000) / 2)

/**
 * Lets a request out only when the identity's schedule allows it, whichever
 * process sent the one before, and records it; else returns how long to wait.
 * The schedule is kept as the time each request was due (a generic cell rate
 * algorithm): a request up to CATCH_UP_MS late keeps the next one on time,
 * while one later than that moves the schedule, so a worker that fell behind
 * never sends a burst. Run it in the transaction that marks the send started.
 */
export const passSendGate = async (
  client: Client,
  identity: string,
  intervalMs: number,
  nowMs: number
): Promise<{ passed: true } | { passed: false; waitMs: number }> => {
  const now = BigInt(Math.floor(nowMs))
  const interval = BigInt(intervalMs)
  const earliestDue = now - BigInt(CATCH_UP_MS)
  const passed = await client.$queryRaw<{ identity: string }[]>`
    INSERT INTO "OriginationGate" ("identity", "lastSendAtMs")
    VALUES (${identity}, ${earliestDue})
    ON CONFLICT ("identity") DO UPDATE SET "lastSendAtMs" =
      CASE WHEN "OriginationGate"."lastSendAtMs" + ${interval} > ${earliestDue}
        THEN "OriginationGate"."lastSendAtMs" + ${interval}
        ELSE ${earliestDue} END
    WHERE "OriginationGate"."lastSendAtMs" + ${interval} <= ${now}
    RETURNING "identity"`
  if (passed.length > 0) {
    return { passed: true }
  }
  const [row] = await client.$queryRaw<{ lastSendAtMs: bigint | number }[]>`
    SELECT "lastSendAtMs" FROM "OriginationGate" WHERE "identity" = ${identity}`
  return {
    passed: false,
    waitMs: Math.max(1, Number(row.lastSendAtMs) + intervalMs - nowMs),
  }
}
