import { randomUUID } from 'node:crypto'

import type {
  Prisma,
  WebhookDelivery as WebhookDeliveryRow,
} from '@prisma/client'
import type {
  ResolversTypes,
  MutationremoveWebhookEndpointArgs,
  MutationresendWebhookDeliveryArgs,
  MutationsetWebhookEndpointArgs,
  QueryapiKeyWebhookArgs,
  QuerywebhookDeliveriesArgs,
  WebhookDeliveryRelationResolvers,
} from 'types/graphql'

import { sessionUserOf } from 'src/lib/auth'
import { db } from 'src/lib/db'
import { fieldError } from 'src/lib/fieldValidationError'
import { afterCursor, newestFirst, pageOf } from 'src/lib/keysetPage'
import { logger } from 'src/lib/logger'
import {
  checkWebhookUrl,
  destinationPolicy,
  newWebhookSecret,
} from 'src/lib/webhooks'

/** The most deliveries one page may ask for. */
export const WEBHOOK_DELIVERIES_PAGE_MAX = 100

// Every field of an endpoint but its secret, which is returned only once.
const ENDPOINT_FIELDS = {
  id: true,
  apiKeyId: true,
  url: true,
  createdAt: true,
  disabledAt: true,
} as const

const enabledEndpoint = {
  where: { disabledAt: null },
  orderBy: [{ createdAt: 'desc' as const }, { id: 'desc' as const }],
  take: 1,
  select: ENDPOINT_FIELDS,
}

// Another person's key is answered exactly as a key that does not exist.
const noSuchKey = () => fieldError('apiKeyId', 'No such API key.')

/** One of the caller's own keys; the ownership is in the query. */
const ownKey = (userId: number, apiKeyId: string) =>
  db.apiKey.findFirst({ where: { id: apiKeyId, userId } })

export const apiKeyWebhook = async ({ apiKeyId }: QueryapiKeyWebhookArgs) => {
  const caller = sessionUserOf(context)
  const found = await db.apiKey.findFirst({
    where: { id: apiKeyId, userId: caller.id },
    include: { webhookEndpoints: enabledEndpoint },
  })
  if (!found) {
    return null
  }
  const { webhookEndpoints, ...apiKey } = found
  return { apiKey, endpoint: webhookEndpoints[0] ?? null }
}

export const setWebhookEndpoint = async ({
  apiKeyId,
  url,
}: MutationsetWebhookEndpointArgs) => {
  const caller = sessionUserOf(context)
  const checked = checkWebhookUrl(url, destinationPolicy())
  if (checked.ok === false) {
    throw fieldError('url', checked.message)
  }
  const apiKey = await ownKey(caller.id, apiKeyId)
  if (!apiKey) {
    throw noSuchKey()
  }
  if (apiKey.revokedAt) {
    throw fieldError(
      'apiKeyId',
      'This key is revoked, so it sends nothing more: set the webhook of a key in use.'
    )
  }
  const secret = newWebhookSecret()
  const endpoint = await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.updateMany({
      where: { apiKeyId, disabledAt: null },
      data: { disabledAt: new Date() },
    })
    return tx.webhookEndpoint.create({
      data: { apiKeyId, url: checked.url.href, secret },
      select: ENDPOINT_FIELDS,
    })
  })
  logger.info(
    { apiKeyId, webhookEndpointId: endpoint.id, userId: caller.id },
    'Webhook URL set'
  )
  return { endpoint, secret }
}

export const removeWebhookEndpoint = async ({
  apiKeyId,
}: MutationremoveWebhookEndpointArgs) => {
  const caller = sessionUserOf(context)
  const found = await db.apiKey.findFirst({
    where: { id: apiKeyId, userId: caller.id },
    include: { webhookEndpoints: enabledEndpoint },
  })
  if (!found) {
    throw noSuchKey()
  }
  const [current] = found.webhookEndpoints
  if (!current) {
    return null
  }
  const disabledAt = new Date()
  await db.webhookEndpoint.updateMany({
    where: { apiKeyId, disabledAt: null },
    data: { disabledAt },
  })
  logger.info(
    { apiKeyId, webhookEndpointId: current.id, userId: caller.id },
    'Webhook URL removed'
  )
  return { ...current, disabledAt }
}

export const webhookDeliveries = async ({
  apiKeyId,
  first,
  after,
}: QuerywebhookDeliveriesArgs) => {
  const caller = sessionUserOf(context)
  const take = first ?? 20
  if (
    !Number.isInteger(take) ||
    take < 1 ||
    take > WEBHOOK_DELIVERIES_PAGE_MAX
  ) {
    throw fieldError(
      'first',
      `Ask for 1 to ${WEBHOOK_DELIVERIES_PAGE_MAX} deliveries at a time.`
    )
  }
  const where: Prisma.WebhookDeliveryWhereInput = {
    apiKeyId,
    apiKey: { userId: caller.id },
  }
  if (!(await ownKey(caller.id, apiKeyId))) {
    throw noSuchKey()
  }
  if (after) {
    const cursor = await db.webhookDelivery.findFirst({
      where: { ...where, id: after },
      select: { id: true, createdAt: true },
    })
    if (!cursor) {
      throw fieldError('after', 'This cursor is not a delivery of this key.')
    }
    // A range on the (apiKeyId, createdAt, id) index.
    Object.assign(where, afterCursor(cursor))
  }
  const rows = await db.webhookDelivery.findMany({
    where,
    orderBy: newestFirst(),
    take: take + 1,
  })
  return pageOf(rows, take)
}

/**
 * A new delivery of the same payload (its `id` too, so a receiver that did
 * get the first one drops the repeat), to the key's webhook as it is now or
 * to the message's own statusCallbackUrl.
 */
export const resendWebhookDelivery = async ({
  id,
}: MutationresendWebhookDeliveryArgs) => {
  const caller = sessionUserOf(context)
  const original = await db.webhookDelivery.findFirst({
    where: { id, apiKey: { userId: caller.id } },
  })
  if (!original) {
    throw fieldError('id', 'No such webhook delivery.')
  }
  let destination = { url: original.url, endpointId: null as string | null }
  if (original.endpointId) {
    const current = await db.webhookEndpoint.findFirst({
      where: { apiKeyId: original.apiKeyId, disabledAt: null },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true, url: true },
    })
    if (!current) {
      throw fieldError(
        'id',
        'This key has no webhook now: set its URL, then resend.'
      )
    }
    destination = { url: current.url, endpointId: current.id }
  }
  const now = new Date()
  const resent = await db.webhookDelivery.create({
    data: {
      id: randomUUID(),
      messageId: original.messageId,
      apiKeyId: original.apiKeyId,
      status: original.status,
      payload: original.payload,
      ...destination,
      nextAttemptAt: now,
      createdAt: now,
    },
  })
  logger.info(
    {
      webhookDeliveryId: resent.id,
      resentFrom: original.id,
      userId: caller.id,
    },
    'Status webhook resent'
  )
  return resent
}

// Resolvers receive the Prisma row.
const row = (root: unknown) => root as WebhookDeliveryRow

export const WebhookDelivery: WebhookDeliveryRelationResolvers = {
  // The row: MmsMessage's own resolvers (services/mms) give it the SDL's shape.
  message: async (_args, { root }) =>
    (await db.mmsMessage.findFirstOrThrow({
      where: { id: row(root).messageId, userId: sessionUserOf(context).id },
    })) as unknown as ResolversTypes['MmsMessage'],
  toStatusCallback: (_args, { root }) => row(root).endpointId === null,
  state: (_args, { root }) => {
    const { deliveredAt, failedAt } = row(root)
    return deliveredAt ? 'DELIVERED' : failedAt ? 'FAILED' : 'PENDING'
  },
  attemptCount: (_args, { root }) => row(root).attempts,
  attempts: (_args, { root }) =>
    db.webhookAttempt.findMany({
      where: { deliveryId: row(root).id },
      orderBy: { number: 'asc' },
    }),
}
