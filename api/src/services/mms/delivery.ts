import { CONTEXT_MESSAGE_ID_KEY, maskPhoneNumber } from '@mms/rules'
import type { MmsMessage } from '@prisma/client'

import { db } from 'src/lib/db'
import { logger } from 'src/lib/logger'
import type { MmsProvider, OutgoingMms, SendOutcome } from 'src/lib/mmsProvider'
import { pinpointProvider } from 'src/lib/pinpoint'

import { contextOf, mediaOf } from './jsonColumns'
import { MMS_STATUS } from 'src/lib/messageStatus'

const toOutgoing = (message: MmsMessage): OutgoingMms => ({
  recordId: message.id,
  originationIdentity: message.originationIdentity,
  destinationPhoneNumber: message.destinationPhoneNumber,
  messageBody: message.messageBody ?? undefined,
  mediaUrls: mediaOf(message).map((m) => m.url),
  dryRun: message.dryRun,
  timeToLive: message.timeToLive ?? undefined,
  maxPrice: message.maxPrice ?? undefined,
  configurationSetName: message.configurationSetName ?? undefined,
  context: { ...contextOf(message), [CONTEXT_MESSAGE_ID_KEY]: message.id },
})

const recordOutcome = async (id: string, outcome: SendOutcome) => {
  const attemptCount = Math.max(outcome.attempts.length, 1)
  const [, message] = await db.$transaction([
    db.mmsAttempt.createMany({
      data: outcome.attempts.map((attempt) => ({ messageId: id, ...attempt })),
    }),
    db.mmsMessage.update({
      where: { id },
      data:
        outcome.status === 'SENT'
          ? {
              status: MMS_STATUS.SENT,
              providerMessageId: outcome.providerMessageId,
              attemptCount,
              sentAt: new Date(),
            }
          : {
              status: outcome.status,
              errorCode: outcome.error.code,
              errorMessage: outcome.error.message,
              attemptCount,
            },
    }),
  ])
  return message
}

/**
 * Sends one recorded message and records how it ended. Takes an id, not a
 * row, so it can run later in a job; a message that is no longer QUEUED is
 * left alone, so running it twice never sends twice.
 */
export const deliverMessage = async (
  id: string,
  provider: MmsProvider = pinpointProvider()
): Promise<MmsMessage> => {
  const claimed = await db.mmsMessage.updateMany({
    where: { id, status: MMS_STATUS.QUEUED },
    data: { status: MMS_STATUS.SENDING, provider: provider.name },
  })
  const message = await db.mmsMessage.findUniqueOrThrow({ where: { id } })
  if (claimed.count === 0) {
    return message
  }

  const log = logger.child({
    mmsMessageId: id,
    destination: maskPhoneNumber(message.destinationPhoneNumber),
  })
  const outcome = await provider.send(toOutgoing(message))
  try {
    const recorded = await recordOutcome(id, outcome)
    const attempts = recorded.attemptCount
    if (outcome.status === 'SENT') {
      log.info(
        { providerMessageId: outcome.providerMessageId, attempts },
        'MMS accepted by provider'
      )
    } else {
      log.warn(
        { status: outcome.status, errorCode: outcome.error.code, attempts },
        'MMS not sent'
      )
    }
    return recorded
  } catch (error) {
    // The message stays SENDING; the provider id here lets it be reconciled.
    log.error(
      {
        err: error,
        status: outcome.status,
        providerMessageId:
          outcome.status === 'SENT' ? outcome.providerMessageId : undefined,
      },
      'MMS outcome could not be recorded'
    )
    throw error
  }
}
