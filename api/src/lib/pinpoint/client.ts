import {
  PinpointSMSVoiceV2Client,
  type PinpointSMSVoiceV2ClientConfig,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import { NodeHttpHandler } from '@smithy/node-http-handler'

import type { MmsConfig } from '../config'

import { AcceptanceSafeRetryStrategy } from './retryStrategy'

/**
 * A Pinpoint SMS and Voice v2 client with the SDK's standard credential chain
 * and endpoint settings (AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 points it at
 * a local sandbox), our retry strategy, and timeouts that fail a hung request
 * instead of waiting for ever.
 */
export const createPinpointClient = (
  config: Pick<
    MmsConfig,
    'region' | 'sendMaxAttempts' | 'sendTimeoutMs' | 'connectTimeoutMs'
  >,
  overrides: Partial<PinpointSMSVoiceV2ClientConfig> = {}
) =>
  new PinpointSMSVoiceV2Client({
    region: config.region,
    retryStrategy: new AcceptanceSafeRetryStrategy(config.sendMaxAttempts),
    requestHandler: new NodeHttpHandler({
      connectionTimeout: config.connectTimeoutMs,
      requestTimeout: config.sendTimeoutMs,
      // Without it the SDK only logs a warning when requestTimeout passes.
      throwOnRequestTimeout: true,
    }),
    ...overrides,
  })
