import { randomUUID } from 'node:crypto'

import type { Prisma } from '@prisma/client'

import type { MmsStatus } from 'src/lib/messageStatus'

import { statusPayload } from './payload'

type Tx = Pick<Prisma.TransactionClient, 'mmsMessage' | 'webhookDelivery'>

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
  tx: Tx,
  messageIds: string | readonly string[],
  status: MmsStatus,
  nowMs: number
): Promise<number> => {
  const ids = typeof messageIds === 'string' ? [messageIds] : [...messageIds]
  if (ids.length === 0 || !WEBHOOK_STATUSES.includes(status)) {
    return 0
  }
  const messages = await tx.mmsMessage.findMany({
    where: { id: { in: ids }, status },
    select: {
      id: true,
      providerMessageId: true,
      errorCode: true,
      errorMessage: true,
      destinationPhoneNumber: true,
      updatedAt: true,
      apiKeyId: true,
      statusCallbackUrl: true,
      apiKey: {
        select: {
          webhookEndpoints: {
            where: { disabledAt: null },
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
            take: 1,
            select: { id: true, url: true },
          },
        },
      },
    },
  })

  const rows: Prisma.WebhookDeliveryCreateManyInput[] = []
  for (const message of messages) {
    const destinations: { url: string; endpointId: string | null }[] = []
    const endpoint = message.apiKey?.webhookEndpoints[0]
    if (endpoint) {
      destinations.push({ url: endpoint.url, endpointId: endpoint.id })
    }
    if (
      message.statusCallbackUrl &&
      message.statusCallbackUrl !== endpoint?.url
    ) {
      destinations.push({ url: message.statusCallbackUrl, endpointId: null })
    }
    for (const { url, endpointId } of destinations) {
      const id = randomUUID()
      rows.push({
        id,
        messageId: message.id,
        apiKeyId: message.apiKeyId,
        endpointId,
        status,
        url,
        payload: JSON.stringify(statusPayload(id, message, status, nowMs)),
        nextAttemptAt: new Date(nowMs),
        createdAt: new Date(nowMs),
      })
    }
  }
  if (rows.length > 0) {
    await tx.webhookDelivery.createMany({ data: rows })
  }
  return rows.length
}
