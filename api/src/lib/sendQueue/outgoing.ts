import { CONTEXT_MESSAGE_ID_KEY } from '@mms/rules'
import type { MmsMessage } from '@prisma/client'

import { contextOf, mediaOf } from 'src/lib/messageColumns'
import type { OutgoingMms } from 'src/lib/mmsProvider'

/** A recorded message as a provider is handed it, carrying our id in its context. */
export const toOutgoing = (message: MmsMessage): OutgoingMms => ({
  recordId: message.id,
  originationIdentity: message.originationIdentity,
  destinationPhoneNumber: message.destinationPhoneNumber,
  messageBody: message.messageBody ?? undefined,
  mediaUrls: mediaOf(message).map((m) => m.url),
  dryRun: message.dryRun,
  timeToLive: message.timeToLive ?? undefined,
  maxPrice: message.maxPrice ?? undefined,
  configurationSetName: message.configurationSetName ?? undefined,
  protectConfigurationId: message.protectConfigurationId ?? undefined,
  messageFeedbackEnabled: message.messageFeedbackEnabled ?? undefined,
  context: { ...contextOf(message), [CONTEXT_MESSAGE_ID_KEY]: message.id },
})
