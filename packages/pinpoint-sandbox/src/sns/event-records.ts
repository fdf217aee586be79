import type { InboxMessage } from '../pinpoint/inbox.ts'
import { isE164, isoCountryCodeOf } from '../pinpoint/phone-number-facts.ts'

export type MediaEventType =
  | 'MEDIA_PENDING'
  | 'MEDIA_SUCCESSFUL'
  | 'MEDIA_DELIVERED'
  | 'MEDIA_UNREACHABLE'

/** An MMS delivery event record, with the members AWS End User Messaging SMS writes. */
export interface MediaEventRecord {
  eventType: MediaEventType
  eventVersion: '1.0'
  /** Unix time in milliseconds. */
  eventTimestamp: number
  isFinal: boolean
  originationPhoneNumber: string
  destinationPhoneNumber: string
  isoCountryCode: string
  isInternationalSend: boolean
  mcc: string
  mnc: string
  carrierName: string
  /** The MessageId SendMediaMessage returned. */
  messageId: string
  messageRequestTimestamp: number
  messageType: 'TRANSACTIONAL'
  messageStatus: 'PENDING' | 'SUCCESSFUL' | 'DELIVERED' | 'UNREACHABLE'
  messageStatusDescription: string
  /** The send's Context, as sent. */
  context: Record<string, string>
  totalMessageParts: 1
  /** USD; charged once the message reached its final state. */
  totalMessagePrice: number
  totalCarrierFee: number
}

interface EventStep {
  eventType: MediaEventType
  messageStatus: MediaEventRecord['messageStatus']
  messageStatusDescription: string
  isFinal: boolean
}

const PENDING: EventStep = {
  eventType: 'MEDIA_PENDING',
  messageStatus: 'PENDING',
  messageStatusDescription: 'Message is pending delivery to the carrier',
  isFinal: false,
}

const SUCCESS_STEPS: EventStep[] = [
  PENDING,
  {
    eventType: 'MEDIA_SUCCESSFUL',
    messageStatus: 'SUCCESSFUL',
    messageStatusDescription: 'Message has been accepted by phone carrier',
    isFinal: false,
  },
  {
    eventType: 'MEDIA_DELIVERED',
    messageStatus: 'DELIVERED',
    messageStatusDescription: 'Message has been accepted by phone',
    isFinal: true,
  },
]

const FAILURE_STEPS: EventStep[] = [
  PENDING,
  {
    eventType: 'MEDIA_UNREACHABLE',
    messageStatus: 'UNREACHABLE',
    messageStatusDescription:
      'The destination phone is unreachable or unavailable (simulated failure)',
    isFinal: true,
  },
]

const MESSAGE_PRICE_USD = 0.022
const CARRIER_FEE_USD = 0.005

/** The events AWS reports for an accepted message, in order: success, or the failure simulator's. */
export function eventStepsFor(message: InboxMessage): EventStep[] {
  return message.status === 'FAILED' ? FAILURE_STEPS : SUCCESS_STEPS
}

export function eventRecord(
  message: InboxMessage,
  originationPhoneNumber: string,
  step: EventStep,
  eventTimestamp: number
): MediaEventRecord {
  const destinationCountry = isoCountryCodeOf(message.destinationPhoneNumber)
  return {
    eventType: step.eventType,
    eventVersion: '1.0',
    eventTimestamp,
    isFinal: step.isFinal,
    originationPhoneNumber,
    destinationPhoneNumber: message.destinationPhoneNumber,
    isoCountryCode: destinationCountry,
    isInternationalSend:
      isE164(originationPhoneNumber) &&
      isoCountryCodeOf(originationPhoneNumber) !== destinationCountry,
    mcc: '310',
    mnc: '410',
    carrierName: 'Sandbox Wireless',
    messageId: message.messageId,
    messageRequestTimestamp: Date.parse(message.receivedAt),
    messageType: 'TRANSACTIONAL',
    messageStatus: step.messageStatus,
    messageStatusDescription: step.messageStatusDescription,
    context: { ...message.context },
    totalMessageParts: 1,
    totalMessagePrice: step.isFinal ? MESSAGE_PRICE_USD : 0,
    totalCarrierFee: step.isFinal ? CARRIER_FEE_USD : 0,
  }
}
