import {
  SendMediaMessageCommand,
  type PinpointSMSVoiceV2Client,
  type SendMediaMessageCommandInput,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'

import { mmsError } from '../mmsErrors'
import type {
  AttemptRecord,
  MmsProvider,
  OutgoingMms,
  SendOutcome,
} from '../mmsProvider'

import { attemptRecorderOptions, recordAttemptsInto } from './attemptRecorder'
import { mapSendError } from './errorMapping'

export const toSendMediaMessageInput = (
  message: OutgoingMms
): SendMediaMessageCommandInput => ({
  DestinationPhoneNumber: message.destinationPhoneNumber,
  OriginationIdentity: message.originationIdentity,
  MessageBody: message.messageBody,
  MediaUrls: message.mediaUrls.length > 0 ? message.mediaUrls : undefined,
  ConfigurationSetName: message.configurationSetName,
  MaxPrice: message.maxPrice,
  TimeToLive: message.timeToLive,
  Context: message.context,
  DryRun: message.dryRun || undefined,
  ProtectConfigurationId: message.protectConfigurationId,
  MessageFeedbackEnabled: message.messageFeedbackEnabled,
})

/** Sends through AWS End User Messaging SMS (Pinpoint SMS and Voice v2). */
export class PinpointMmsProvider implements MmsProvider {
  readonly name = 'aws'

  constructor(private readonly client: PinpointSMSVoiceV2Client) {}

  async send(message: OutgoingMms): Promise<SendOutcome> {
    const attempts: AttemptRecord[] = []
    const command = new SendMediaMessageCommand(
      toSendMediaMessageInput(message)
    )
    command.middlewareStack.add(
      recordAttemptsInto(attempts),
      attemptRecorderOptions
    )
    try {
      const output = await this.client.send(command)
      if (!output.MessageId) {
        // A 200 without an id: AWS took the request, but we cannot track it.
        return {
          status: 'UNKNOWN',
          error: mmsError('OUTCOME_UNKNOWN'),
          attempts,
        }
      }
      return { status: 'SENT', providerMessageId: output.MessageId, attempts }
    } catch (error) {
      return { ...mapSendError(error), attempts }
    }
  }
}
