import { maskPhoneNumber } from '@mms/rules'
import type { MmsMessage } from '@prisma/client'

import type { MmsStatus } from 'src/lib/messageStatus'

export const WEBHOOK_EVENT_TYPE = 'message.status'

/** The message's fields a status webhook carries. */
export type PayloadMessage = Pick<
  MmsMessage,
  | 'id'
  | 'providerMessageId'
  | 'errorCode'
  | 'errorMessage'
  | 'destinationPhoneNumber'
  | 'updatedAt'
>

export interface StatusWebhookPayload {
  /** The status change's id: the same on a resend, so a receiver can drop repeats. */
  id: string
  type: typeof WEBHOOK_EVENT_TYPE
  createdAt: string
  data: {
    id: string
    /** The provider's id of the message, as sendMms answers it. */
    messageId: string | null
    status: MmsStatus
    errorCode: string | null
    errorMessage: string | null
    /**
     * Masked: the body goes to a URL outside our control and is often
     * logged there. The caller owns the message and reads the full number
     * with its key (GET /messages/:id or mmsMessage).
     */
    destinationPhoneNumber: string
    updatedAt: string
  }
}

export const statusPayload = (
  eventId: string,
  message: PayloadMessage,
  status: MmsStatus,
  nowMs: number
): StatusWebhookPayload => ({
  id: eventId,
  type: WEBHOOK_EVENT_TYPE,
  createdAt: new Date(nowMs).toISOString(),
  data: {
    id: message.id,
    messageId: message.providerMessageId,
    status,
    errorCode: message.errorCode,
    errorMessage: message.errorMessage,
    destinationPhoneNumber: maskPhoneNumber(message.destinationPhoneNumber),
    updatedAt: message.updatedAt.toISOString(),
  },
})
