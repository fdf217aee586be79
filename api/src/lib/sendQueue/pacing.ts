import type { Prisma } from '@prisma/client'

type Client = Pick<Prisma.TransactionClient, '$queryRaw'>

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
 * Lets a request out only when the identity's previous one went out at least
 * `intervalMs` ago, whichever process sent it, and records this one; else
 * returns how long to wait. Reserved slots space the schedule; this spaces
 * the requests themselves, so a worker that fell behind its slot cannot send
 * two at once. Run it in the transaction that marks the send as started.
 */
export const passSendGate = async (
  client: Client,
  identity: string,
  intervalMs: number,
  nowMs: number
): Promise<{ passed: true } | { passed: false; waitMs: number }> => {
  const now = BigInt(Math.floor(nowMs))
  const earliestPrevious = now - BigInt(intervalMs)
  const passed = await client.$queryRaw<{ identity: string }[]>`
    INSERT INTO "OriginationPace" ("identity", "nextSlotAtMs", "lastSendAtMs")
    VALUES (${identity}, ${now}, ${now})
    ON CONFLICT ("identity") DO UPDATE SET "lastSendAtMs" = ${now}
    WHERE "OriginationPace"."lastSendAtMs" <= ${earliestPrevious}
    RETURNING "identity"`
  if (passed.length > 0) {
    return { passed: true }
  }
  const [row] = await client.$queryRaw<{ lastSendAtMs: bigint | number }[]>`
    SELECT "lastSendAtMs" FROM "OriginationPace" WHERE "identity" = ${identity}`
  return {
    passed: false,
    waitMs: Math.max(1, Number(row.lastSendAtMs) + intervalMs - nowMs),
  }
}
