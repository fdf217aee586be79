import type { Prisma } from '@prisma/client'

import { db } from 'src/lib/db'

import type { WebhookErrorCode } from './webhookErrors'

/**
 * The outbox works as the send queue does: a pending delivery has a
 * nextAttemptAt, a dispatcher takes it by writing its lease with a
 * conditional update, and only the lease's owner records the attempt. A
 * dispatcher that dies mid-request leaves a lease that runs out, and another
 * delivers it again: receivers may see a delivery twice (they drop repeats by
 * the payload's id), never lose one.
 */

const leaseFree = (nowMs: number): Prisma.WebhookDeliveryWhereInput => ({
  OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: new Date(nowMs) } }],
})

const due = (nowMs: number): Prisma.WebhookDeliveryWhereInput => ({
  nextAttemptAt: { lte: new Date(nowMs) },
  deliveredAt: null,
  failedAt: null,
  ...leaseFree(nowMs),
})

/** Pending deliveries due now that no live lease holds, earliest first. */
export const findDueDeliveries = (nowMs: number, limit: number) =>
  db.webhookDelivery.findMany({
    where: due(nowMs),
    orderBy: { nextAttemptAt: 'asc' },
    take: limit,
    select: { id: true },
  })

/** Takes a due delivery for `owner`; false if another dispatcher has it. */
export const claimDelivery = async (
  id: string,
  owner: string,
  nowMs: number,
  leaseMs: number
): Promise<boolean> => {
  const { count } = await db.webhookDelivery.updateMany({
    where: { id, ...due(nowMs) },
    data: { leaseOwner: owner, leaseExpiresAt: new Date(nowMs + leaseMs) },
  })
  return count === 1
}

/** A delivery this dispatcher holds, with what it needs to sign it. */
export const loadClaimedDelivery = (id: string, owner: string) =>
  db.webhookDelivery.findFirst({
    where: { id, leaseOwner: owner, deliveredAt: null, failedAt: null },
    include: { endpoint: { select: { secret: true, disabledAt: true } } },
  })

export type ClaimedDelivery = NonNullable<
  Awaited<ReturnType<typeof loadClaimedDelivery>>
>

/** The secret of the key's enabled webhook, which signs its statusCallbackUrl deliveries too. */
export const currentSecretOf = async (apiKeyId: string | null) => {
  if (!apiKeyId) return null
  const endpoint = await db.webhookEndpoint.findFirst({
    where: { apiKeyId, disabledAt: null },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { secret: true },
  })
  return endpoint?.secret ?? null
}

export interface AttemptResult {
  startedAt: Date
  durationMs: number
  responseStatus: number | null
  errorCode: WebhookErrorCode | null
}

export type DeliveryOutcome =
  | { kind: 'DELIVERED' }
  | { kind: 'RETRY'; atMs: number }
  | { kind: 'FAILED' }

/**
 * Records an attempt and what follows from it, and gives the lease back,
 * in one transaction; nothing is written if the lease was lost meanwhile.
 */
export const settleDelivery = (
  delivery: Pick<ClaimedDelivery, 'id' | 'attempts'>,
  owner: string,
  attempt: AttemptResult | null,
  outcome: DeliveryOutcome,
  nowMs: number,
  errorCode: WebhookErrorCode | null = attempt?.errorCode ?? null
) =>
  db.$transaction(async (tx) => {
    const number = delivery.attempts + (attempt ? 1 : 0)
    const { count } = await tx.webhookDelivery.updateMany({
      where: {
        id: delivery.id,
        leaseOwner: owner,
        attempts: delivery.attempts,
      },
      data: {
        attempts: number,
        ...(attempt ? { lastResponseStatus: attempt.responseStatus } : {}),
        lastErrorCode: errorCode,
        nextAttemptAt: outcome.kind === 'RETRY' ? new Date(outcome.atMs) : null,
        deliveredAt: outcome.kind === 'DELIVERED' ? new Date(nowMs) : null,
        failedAt: outcome.kind === 'FAILED' ? new Date(nowMs) : null,
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    })
    if (count === 1 && attempt) {
      await tx.webhookAttempt.create({
        data: { deliveryId: delivery.id, number, ...attempt },
      })
    }
    return count === 1
  })
