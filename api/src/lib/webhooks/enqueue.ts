import { randomUUID } from 'node:crypto'

import { Prisma } from '@prisma/client'

import type { MmsStatus } from 'src/lib/messageStatus'
import { dateOf, type RawClient } from 'src/lib/rawDb'

import { statusPayload } from './payload'

/**
 * The statuses a caller hears about. SENDING is the queue's own step
 * between QUEUED and an answer, so it is never sent.
 */
export const WEBHOOK_STATUSES: readonly MmsStatus[] = [
  'QUEUED',
  'SENT',
  'FAILED',
  'UNKNOWN',
  'DELIVERED',
  'UNDELIVERED',
]

/**
 * Writes the deliveries of a status change: one to the enabled webhook of
 * the message's API key, one to the message's statusCallbackUrl. Call it in
 * the transaction of the status write, and only when that write changed the
 * message, so a delivery exists exactly when the change was committed.
 * Messages not in `status` (any more) are left out. Returns the count written.
 */
export const enqueueStatusWebhooks = async (
  tx: RawClient,
  messageIds: string | readonly string[],
  status: MmsStatus,
  nowMs: number
): Promise<number> => {
  const ids = typeof messageIds === 'string' ? [messageIds] : [...messageIds]
  if (ids.length === 0 || !WEBHOOK_STATUSES.includes(status)) {
    return 0
  }
  // Each message with its key's newest enabled endpoint, if any.
  const messages = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT m."id", m."providerMessageId", m."errorCode", m."errorMessage",
      m."destinationPhoneNumber", m."updatedAt", m."apiKeyId",
      m."statusCallbackUrl", e."id" AS "endpointId", e."url" AS "endpointUrl"
    FROM "MmsMessage" m
    LEFT JOIN "WebhookEndpoint" e ON e."id" = (
      SELECT w."id" FROM "WebhookEndpoint" w
      WHERE w."apiKeyId" = m."apiKeyId" AND w."disabledAt" IS NULL
      ORDER BY w."createdAt" DESC, w."id" DESC
      LIMIT 1)
    WHERE m."id" IN (${Prisma.join(ids)}) AND m."status" = ${status}`

  const rows: Prisma.Sql[] = []
  for (const found of messages) {
    const message = {
      id: found.id as string,
      providerMessageId: (found.providerMessageId as string | null) ?? null,
      errorCode: (found.errorCode as string | null) ?? null,
      errorMessage: (found.errorMessage as string | null) ?? null,
      destinationPhoneNumber: found.destinationPhoneNumber as string,
      updatedAt: dateOf(found.updatedAt),
    }
    const apiKeyId = (found.apiKeyId as string | null) ?? null
    const statusCallbackUrl = found.statusCallbackUrl as string | null
    const endpoint = found.endpointId
      ? { id: found.endpointId as string, url: found.endpointUrl as string }
      : undefined
    const destinations: { url: string; endpointId: string | null }[] = []
    if (endpoint) {
      destinations.push({ url: endpoint.url, endpointId: endpoint.id })
    }
    if (statusCallbackUrl && statusCallbackUrl !== endpoint?.url) {
      destinations.push({ url: statusCallbackUrl, endpointId: null })
    }
    for (const { url, endpointId } of destinations) {
      const id = randomUUID()
      const payload = JSON.stringify(statusPayload(id, message, status, nowMs))
      const at = new Date(nowMs)
      rows.push(
        Prisma.sql`(${id}, ${message.id}, ${apiKeyId}, ${endpointId}, ${status}, ${url}, ${payload}, ${at}, ${at})`
      )
    }
  }
  if (rows.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "WebhookDelivery" ("id", "messageId", "apiKeyId",
        "endpointId", "status", "url", "payload", "nextAttemptAt", "createdAt")
      VALUES ${Prisma.join(rows)}`
  }
  return rows.length
}
