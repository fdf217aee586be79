import { randomUUID } from 'node:crypto'

import type { S3Client } from '@aws-sdk/client-s3'

import { apiErrors } from './api-errors.ts'
import type { InboxMessage } from './inbox.ts'
import { checkMedia, type MediaInfo } from './media-check.ts'
import type { OriginationIdentities } from './origination-identities.ts'
import type { SlidingWindowRateLimiter } from './rate-limiter.ts'
import type { SendMediaMessageRequest } from './send-media-message-request.ts'
import { toE164 } from './simulator-numbers.ts'

export interface SendMediaMessageEnvironment {
  originationIdentities: OriginationIdentities
  configurationSets: ReadonlySet<string>
  optedOutNumbers: ReadonlySet<string>
  failureNumbers: ReadonlySet<string>
  rateLimiter: SlidingWindowRateLimiter
  s3: S3Client
  s3Endpoint: string
}

/** The ResourceType AWS reports for an origination identity, judged from its form. */
function originationResourceType(identity: string): string {
  if (/^pool-|:pool\//.test(identity)) return 'pool'
  if (/^senderid-|:sender-id\//.test(identity)) return 'sender-id'
  if (/^\+?[0-9]+$|^phone-|:phone-number\//.test(identity))
    return 'phone-number'
  return 'sender-id'
}

/**
 * Business rules of SendMediaMessage, after the request passed the model's
 * constraints. Returns the message to store; throws AwsApiError otherwise.
 */
export async function sendMediaMessage(
  request: SendMediaMessageRequest,
  env: SendMediaMessageEnvironment
): Promise<InboxMessage> {
  const origination = request.OriginationIdentity
  const identity = env.originationIdentities.resolve(origination)
  if (!identity) {
    throw apiErrors.resourceNotFound(
      originationResourceType(origination),
      origination,
      `Resource not found: origination identity ${origination} does not exist in this account and Region.`
    )
  }
  if (
    request.ConfigurationSetName !== undefined &&
    !env.configurationSets.has(request.ConfigurationSetName)
  ) {
    throw apiErrors.resourceNotFound(
      'configuration-set',
      request.ConfigurationSetName,
      `Resource not found: configuration set ${request.ConfigurationSetName} does not exist.`
    )
  }

  const destination = toE164(request.DestinationPhoneNumber)
  if (env.optedOutNumbers.has(destination)) {
    throw apiErrors.conflict(
      'DESTINATION_PHONE_NUMBER_OPTED_OUT',
      'opt-out-list',
      'Default',
      'Conflict Occurred - The destination phone number has opted out of receiving messages.'
    )
  }

  const media: MediaInfo[] = []
  for (const uri of request.MediaUrls ?? []) {
    media.push(await checkMedia(env.s3, env.s3Endpoint, uri))
  }

  const dryRun = request.DryRun === true
  if (!dryRun && !env.rateLimiter.tryAcquire(identity.identity)) {
    throw apiErrors.throttling('Rate exceeded')
  }

  const now = new Date().toISOString()
  const failed = env.failureNumbers.has(destination)
  return {
    messageId: randomUUID(),
    receivedAt: now,
    statusAt: now,
    originationIdentity: origination,
    destinationPhoneNumber: destination,
    messageBody: request.MessageBody ?? null,
    mediaUrls: request.MediaUrls ?? [],
    media,
    context: request.Context ?? {},
    configurationSetName: request.ConfigurationSetName ?? null,
    timeToLive: request.TimeToLive ?? null,
    maxPrice: request.MaxPrice ?? null,
    protectConfigurationId: request.ProtectConfigurationId ?? null,
    messageFeedbackEnabled: request.MessageFeedbackEnabled ?? null,
    dryRun,
    status: dryRun ? 'DRY_RUN' : failed ? 'FAILED' : 'DELIVERED',
    eventType: dryRun ? null : failed ? 'MEDIA_UNREACHABLE' : 'MEDIA_DELIVERED',
    statusDescription: dryRun
      ? 'Dry run: validated, not sent.'
      : failed
        ? 'Simulated failure: the destination handset is unreachable.'
        : 'Delivered to the handset.',
  }
}
