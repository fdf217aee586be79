import type { Prisma, PrismaClient } from '@prisma/client'

import { isUniqueViolation } from 'src/lib/dbAdapter'
import { MMS_STATUS, statusesBefore } from 'src/lib/messageStatus'
import { MMS_ERRORS } from 'src/lib/mmsErrors'
import { enqueueStatusWebhooks } from 'src/lib/webhooks/enqueue'

import { meaningOf, type EventMeaning, type EventRecord } from './eventRecord'

export const EVENT_PROVIDER = 'aws'

export type RecordOutcome =
  /** This SNS message was recorded before; nothing changed. */
  | { outcome: 'DUPLICATE' }
  /** No message of ours has this provider id or context id; nothing recorded. */
  | { outcome: 'UNMATCHED' }
  | {
      outcome: 'RECORDED'
      mmsMessageId: string
      /** The status the message moved to; null when it stayed where it was. */
      movedTo: EventMeaning['status'] | null
      /** The event names another provider message than the one we hold (a repeat send). */
      otherProviderMessage: boolean
      /** The provider's id was missing on the message and was taken from the event. */
      recoveredProviderMessageId: boolean
    }

type Db = Pick<PrismaClient, 'mmsMessage' | 'mmsEvent' | '$transaction'>

const MATCH_SELECT = { id: true, providerMessageId: true } as const

/** The message an event is about: by the provider's id, else by the id we put in Context. */
const findMessage = async (db: Db, record: EventRecord) => {
  const byProviderId = await db.mmsMessage.findFirst({
    where: { providerMessageId: record.providerMessageId },
    select: MATCH_SELECT,
  })
  if (byProviderId || !record.mmsMessageId) {
    return byProviderId
  }
  return db.mmsMessage.findUnique({
    where: { id: record.mmsMessageId },
    select: MATCH_SELECT,
  })
}

const statusChange = (
  meaning: EventMeaning
): Prisma.MmsMessageUpdateManyMutationInput =>
  meaning.status === MMS_STATUS.UNDELIVERED
    ? {
        status: meaning.status,
        errorCode: meaning.errorCode,
        errorMessage: MMS_ERRORS[meaning.errorCode],
      }
    : // Reached from UNKNOWN too, whose error no longer holds.
      { status: meaning.status, errorCode: null, errorMessage: null }

/**
 * Records one delivery event and moves its message forward, in one
 * transaction: the event row, the status (only from a status that may reach
 * the new one, so a late or repeated event never moves a message back), the
 * price and carrier, and the provider's id when the message lost it. The SNS
 * MessageId is the event's key, so a repeat delivery changes nothing.
 */
export const recordDeliveryEvent = async (
  db: Db,
  { snsMessageId, record }: { snsMessageId: string; record: EventRecord }
): Promise<RecordOutcome> => {
  const seen = await db.mmsEvent.findUnique({
    where: { sourceId: snsMessageId },
    select: { id: true },
  })
  if (seen) {
    return { outcome: 'DUPLICATE' }
  }

  const message = await findMessage(db, record)
  if (!message) {
    return { outcome: 'UNMATCHED' }
  }

  const meaning = meaningOf(record.eventType)
  const recoveredProviderMessageId = message.providerMessageId === null
  const otherProviderMessage =
    !recoveredProviderMessageId &&
    message.providerMessageId !== record.providerMessageId
  const id = message.id

  const eventData = {
    messageId: id,
    provider: EVENT_PROVIDER,
    sourceId: snsMessageId,
    type: record.eventType,
    status: meaning?.status ?? null,
    description: record.description,
    carrier: record.carrier,
    priceUsd: record.priceUsd,
    occurredAt: record.occurredAt,
  }

  // An event about another provider message of ours (a send repeated after
  // an ambiguous failure) is kept, but says nothing about the one we hold.
  const appliesToMessage = !otherProviderMessage
  const details: Prisma.MmsMessageUpdateManyMutationInput = {
    ...(record.priceUsd ? { priceUsd: record.priceUsd } : {}),
    ...(record.carrier ? { carrier: record.carrier } : {}),
  }

  let moved = 0
  try {
    moved = await db.$transaction(async (tx) => {
      await tx.mmsEvent.create({ data: eventData })
      const moveStatus =
        meaning && appliesToMessage
          ? await tx.mmsMessage.updateMany({
              where: { id, status: { in: statusesBefore(meaning.status) } },
              data: statusChange(meaning),
            })
          : null
      if (recoveredProviderMessageId) {
        await tx.mmsMessage.updateMany({
          where: { id, providerMessageId: null },
          data: { providerMessageId: record.providerMessageId },
        })
      }
      if (appliesToMessage && Object.keys(details).length > 0) {
        await tx.mmsMessage.updateMany({ where: { id }, data: details })
      }
      // A message resolved from UNKNOWN never had a send time recorded.
      if (moveStatus && record.requestedAt) {
        await tx.mmsMessage.updateMany({
          where: {
            id,
            sentAt: null,
            status: {
              in: [
                MMS_STATUS.SENT,
                MMS_STATUS.DELIVERED,
                MMS_STATUS.UNDELIVERED,
              ],
            },
          },
          data: { sentAt: record.requestedAt },
        })
      }
      // After the other writes, so the payload carries the provider's id.
      if (meaning && moveStatus && moveStatus.count > 0) {
        await enqueueStatusWebhooks(tx, id, meaning.status, Date.now())
      }
      return moveStatus?.count ?? 0
    })
  } catch (error) {
    // The same SNS message delivered twice at once: the other one recorded it.
    if (isUniqueViolation(error)) {
      return { outcome: 'DUPLICATE' }
    }
    throw error
  }

  return {
    outcome: 'RECORDED',
    mmsMessageId: id,
    movedTo: moved > 0 && meaning ? meaning.status : null,
    otherProviderMessage,
    recoveredProviderMessageId,
  }
}
