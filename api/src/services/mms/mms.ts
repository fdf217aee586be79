import { randomUUID } from 'node:crypto'

import { checkMediaUri, maskPhoneNumber } from '@mms/rules'
import type { MmsMessage as MmsMessageRow, Prisma } from '@prisma/client'
import type {
  MmsMessageRelationResolvers,
  MutationsendMmsArgs,
  QuerymmsMessageArgs,
  QuerymmsMessagesArgs,
} from 'types/graphql'

import { RedwoodError } from '@redwoodjs/api'

import { currentUserOf } from 'src/lib/auth'
import { mmsConfig } from 'src/lib/config'
import { db } from 'src/lib/db'
import { isUniqueViolation } from 'src/lib/dbAdapter'
import { fieldError } from 'src/lib/fieldValidationError'
import { afterCursor, newestFirst, pageOf } from 'src/lib/keysetPage'
import { logger } from 'src/lib/logger'
import { mayUseMediaKey } from 'src/lib/mediaOwnership'
import { contextOf, mediaOf } from 'src/lib/messageColumns'
import { insertMessage, messageFromRow } from 'src/lib/messageRows'
import { MMS_STATUS } from 'src/lib/messageStatus'
import { SEND_REFUSALS } from 'src/lib/mmsErrors'
import { MediaCheckUnavailableError, presignDownload } from 'src/lib/s3'
import {
  apiKeySendLimits,
  recordWithinSendLimits,
  userSendLimits,
  type Sender,
} from 'src/lib/sendLimits'
import {
  announceQueued,
  intervalMsOf,
  originationIdentityFor,
  originationRates,
  reserveSendSlot,
  waitForSend,
} from 'src/lib/sendQueue'
import {
  IdempotencyKeyReusedError,
  checkMediaObjects,
  parseSendRequest,
  requestFingerprint,
  type RecordedMedia,
  type SendMmsInput,
} from 'src/lib/sendRequest'
import { checkStatusCallbackUrl, enqueueStatusWebhooks } from 'src/lib/webhooks'

export const MMS_PAGE_MAX = 100

const findByIdempotencyKey = (userId: number, idempotencyKey: string) =>
  db.mmsMessage.findUnique({
    where: { userId_idempotencyKey: { userId, idempotencyKey } },
  })

const repeatOrRefuse = <T extends { id: string; requestHash: string }>(
  existing: T,
  fingerprint: string
): T => {
  if (existing.requestHash !== fingerprint) {
    throw new IdempotencyKeyReusedError(existing.id)
  }
  return existing
}

export const sendMms = async (
  args: MutationsendMmsArgs
): Promise<MmsMessageRow> => {
  const caller = currentUserOf(context)
  const config = mmsConfig()
  const request = parseSendRequest(args as SendMmsInput, config)
  const fingerprint = requestFingerprint(request)

  if (request.idempotencyKey) {
    const existing = await findByIdempotencyKey(
      caller.id,
      request.idempotencyKey
    )
    if (existing) {
      return repeatOrRefuse(existing, fingerprint)
    }
  }

  let media: RecordedMedia[]
  try {
    media = await checkMediaObjects(request.media, {
      userId: caller.id,
      sharedPrefixes: config.sharedMediaPrefixes,
    })
  } catch (error) {
    if (error instanceof MediaCheckUnavailableError) {
      logger.error({ err: error }, 'Media check failed')
      throw new RedwoodError(SEND_REFUSALS.MEDIA_CHECK_UNAVAILABLE, {
        code: 'MEDIA_CHECK_UNAVAILABLE',
      })
    }
    throw error
  }

  const sender: Sender = {
    userId: caller.id,
    limits: await userSendLimits(caller.id, config.sendLimits),
    apiKey: caller.apiKeyId
      ? { id: caller.apiKeyId, limits: apiKeySendLimits(config.sendLimits) }
      : undefined,
  }

  let statusCallbackUrl: string | null = null
  if (request.statusCallbackUrl !== undefined) {
    const callback = await checkStatusCallbackUrl(
      request.statusCallbackUrl,
      caller.apiKeyId
    )
    if (callback.ok === false) {
      throw fieldError('statusCallbackUrl', callback.message)
    }
    statusCallbackUrl = callback.url
  }

  const originationIdentity = originationIdentityFor(
    config.originationIdentities,
    request.destinationPhoneNumber
  )
  const intervalMs = intervalMsOf(
    await originationRates().rateOf(originationIdentity)
  )

  let queued: MmsMessageRow
  try {
    // The message, its place in the queue (a paced slot of its identity)
    // and its share of the sending limits are one commit.
    queued = await recordWithinSendLimits(sender, async (tx) => {
      const nowMs = Date.now()
      const slotMs = await reserveSendSlot(
        tx,
        originationIdentity,
        intervalMs,
        nowMs
      )
      const [row] = await tx.$queryRaw<Record<string, unknown>[]>(
        insertMessage({
          id: randomUUID(),
          userId: caller.id,
          apiKeyId: caller.apiKeyId ?? null,
          provider: 'aws',
          originationIdentity,
          destinationPhoneNumber: request.destinationPhoneNumber,
          messageBody: request.messageBody ?? null,
          media: JSON.stringify(media),
          dryRun: request.dryRun,
          timeToLive: request.timeToLive ?? null,
          maxPrice: request.maxPrice ?? null,
          configurationSetName:
            request.configurationSetName ?? config.configurationSetName ?? null,
          protectConfigurationId: request.protectConfigurationId ?? null,
          messageFeedbackEnabled: request.messageFeedbackEnabled ?? null,
          context: request.context ? JSON.stringify(request.context) : null,
          idempotencyKey: request.idempotencyKey ?? null,
          requestHash: fingerprint,
          status: MMS_STATUS.QUEUED,
          nextAttemptAt: new Date(slotMs),
          expiresAt: new Date(nowMs + config.queue.ttlSeconds * 1000),
          statusCallbackUrl,
          createdAt: new Date(nowMs),
          updatedAt: new Date(nowMs),
        })
      )
      const created = messageFromRow(row)
      await enqueueStatusWebhooks(tx, created.id, MMS_STATUS.QUEUED, nowMs)
      return created
    })
  } catch (error) {
    // Two concurrent calls with one key: the loser returns the winner's
    // message, and its rolled-back transaction took nothing from the limits.
    if (request.idempotencyKey && isUniqueViolation(error)) {
      const existing = await findByIdempotencyKey(
        caller.id,
        request.idempotencyKey
      )
      if (existing) {
        return repeatOrRefuse(existing, fingerprint)
      }
    }
    throw error
  }

  announceQueued()
  logger.info(
    {
      mmsMessageId: queued.id,
      userId: caller.id,
      apiKeyId: caller.apiKeyId,
      destination: maskPhoneNumber(request.destinationPhoneNumber),
      dryRun: request.dryRun,
      nextAttemptAt: queued.nextAttemptAt,
    },
    'MMS queued'
  )
  // The guide's callers expect a messageId: wait for the send while its
  // slot is near, and otherwise answer QUEUED at once.
  const deadlineMs = Date.now() + config.queue.sendWaitMs
  if ((queued.nextAttemptAt?.getTime() ?? Infinity) > deadlineMs) {
    return queued
  }
  return waitForSend(queued.id, deadlineMs)
}

export const mmsMessages = async ({
  first,
  after,
  status,
}: QuerymmsMessagesArgs) => {
  const take = first ?? 20
  if (!Number.isInteger(take) || take < 1 || take > MMS_PAGE_MAX) {
    throw fieldError(
      'first',
      `Ask for 1 to ${MMS_PAGE_MAX} messages at a time.`
    )
  }
  const caller = currentUserOf(context)
  const where: Prisma.MmsMessageWhereInput = { userId: caller.id }
  if (status) {
    where.status = status
  }
  if (after) {
    const cursor = await db.mmsMessage.findFirst({
      where: { id: after, userId: caller.id },
      select: { id: true, createdAt: true },
    })
    if (!cursor) {
      throw fieldError('after', 'This cursor does not belong to your messages.')
    }
    // A range on the (userId[, status], createdAt, id) index.
    Object.assign(where, afterCursor(cursor))
  }
  const rows = await db.mmsMessage.findMany({
    where,
    orderBy: newestFirst(),
    take: take + 1,
  })
  return pageOf(rows, take)
}

export const mmsMessage = ({ id }: QuerymmsMessageArgs) =>
  db.mmsMessage.findFirst({ where: { id, userId: currentUserOf(context).id } })

// Resolvers receive the Prisma row, whose JSON columns are strings.
const row = (root: unknown) => root as MmsMessageRow

export const MmsMessage: MmsMessageRelationResolvers = {
  messageId: (_args, { root }) => row(root).providerMessageId ?? null,
  mediaUrls: (_args, { root }) => mediaOf(row(root)).map((m) => m.url),
  // A link only to media the caller may use: a message can name an object
  // that is not (or no longer) theirs, and a link would hand out its bytes.
  media: (_args, { root }) => {
    const caller = currentUserOf(context)
    const { mediaBucket, sharedMediaPrefixes } = mmsConfig()
    return Promise.all(
      mediaOf(row(root)).map(async (m) => {
        const parsed = checkMediaUri(m.url, mediaBucket)
        const previewUrl =
          parsed.ok &&
          mayUseMediaKey(caller.id, parsed.value.key, sharedMediaPrefixes)
            ? await presignDownload(parsed.value)
            : null
        return { ...m, previewUrl }
      })
    )
  },
  context: (_args, { root }) => contextOf(row(root)),
  attempts: (_args, { root }) =>
    db.mmsAttempt.findMany({
      where: { messageId: root.id },
      orderBy: { number: 'asc' },
    }),
  events: (_args, { root }) =>
    db.mmsEvent.findMany({
      where: { messageId: root.id },
      orderBy: [{ occurredAt: 'asc' }, { receivedAt: 'asc' }],
    }),
  apiKey: (_args, { root }) => {
    const { apiKeyId } = row(root)
    return apiKeyId ? db.apiKey.findUnique({ where: { id: apiKeyId } }) : null
  },
}
