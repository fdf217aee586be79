import type { MmsEvent, MmsMessage } from '@prisma/client'

import { contextOf, mediaOf } from 'src/lib/messageColumns'
import type { MmsStatus } from 'src/lib/messageStatus'
import { MMS_ERRORS, type MmsErrorCode } from 'src/lib/mmsErrors'

import { jsonResult, type RestResult } from './http'

/**
 * How `POST /send-mms` answers a recorded message, by its status: 200 once
 * the provider took it (later statuses included, for a repeated idempotency
 * key), 202 while it waits in the queue, 502 when the provider refused it or
 * did not answer.
 */
export const SEND_ANSWER_STATUS = {
  QUEUED: 202,
  SENDING: 202,
  SENT: 200,
  DELIVERED: 200,
  UNDELIVERED: 200,
  FAILED: 502,
  UNKNOWN: 502,
} as const satisfies Record<MmsStatus, 200 | 202 | 502>

/** The statuses answered with `httpStatus`. */
export const statusesAnsweredWith = (httpStatus: 200 | 202 | 502) =>
  (Object.keys(SEND_ANSWER_STATUS) as MmsStatus[]).filter(
    (status) => SEND_ANSWER_STATUS[status] === httpStatus
  )

const statusOf = (message: Pick<MmsMessage, 'status'>) =>
  message.status as MmsStatus

/** The answer to a send that recorded `message` (or found it under its idempotency key). */
export const sendAnswer = (message: MmsMessage): RestResult => {
  const status = statusOf(message)
  const httpStatus = SEND_ANSWER_STATUS[status]
  const about = {
    id: message.id,
    messageId: message.providerMessageId ?? null,
    status,
  }
  if (httpStatus === 502) {
    const code = (message.errorCode ?? 'PROVIDER_ERROR') as MmsErrorCode
    return jsonResult(502, {
      success: false,
      code,
      message: message.errorMessage ?? MMS_ERRORS[code],
      ...about,
    })
  }
  return jsonResult(httpStatus, { success: true, ...about })
}

export type MessageEventView = ReturnType<typeof eventView>
export type MessageView = ReturnType<typeof messageView>

const eventView = (event: MmsEvent) => ({
  type: event.type,
  status: event.status,
  description: event.description,
  carrier: event.carrier,
  priceUsd: event.priceUsd,
  occurredAt: event.occurredAt,
})

/** A message as `GET /messages/:id` shows it: what was asked, and what became of it. */
export const messageView = (message: MmsMessage, events: MmsEvent[]) => ({
  success: true as const,
  id: message.id,
  messageId: message.providerMessageId,
  status: statusOf(message),
  errorCode: message.errorCode,
  errorMessage: message.errorMessage,
  destinationPhoneNumber: message.destinationPhoneNumber,
  originationIdentity: message.originationIdentity,
  messageBody: message.messageBody,
  mediaUrls: mediaOf(message).map((media) => media.url),
  dryRun: message.dryRun,
  timeToLive: message.timeToLive,
  maxPrice: message.maxPrice,
  configurationSetName: message.configurationSetName,
  protectConfigurationId: message.protectConfigurationId,
  messageFeedbackEnabled: message.messageFeedbackEnabled,
  statusCallbackUrl: message.statusCallbackUrl,
  context: contextOf(message),
  idempotencyKey: message.idempotencyKey,
  attemptCount: message.attemptCount,
  nextAttemptAt: message.nextAttemptAt,
  priceUsd: message.priceUsd,
  carrier: message.carrier,
  createdAt: message.createdAt,
  updatedAt: message.updatedAt,
  sentAt: message.sentAt,
  events: events.map(eventView),
})
