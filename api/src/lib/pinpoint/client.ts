import {
  PinpointSMSVoiceV2Client,
  type PinpointSMSVoiceV2ClientConfig,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import { NodeHttpHandler } from '@smithy/node-http-handler'

import type { MmsConfig } from '../config'

/**
 * A Pinpoint SMS and Voice v2 client with the SDK's standard credential chain
 * and endpoint settings (AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 points it at
 * a local sandbox), and timeouts that fail a hung request instead of waiting
 * for ever. One HTTP request per call: the SDK's own retries would stack on
 * the send queue's, draw on a process-wide retry quota that runs dry under
 * sustained errors, and retry timeouts that may have been accepted.
 */
export const createPinpointClient = (
  config: Pick<MmsConfig, 'region' | 'sendTimeoutMs' | 'connectTimeoutMs'>,
  overrides: Partial<PinpointSMSVoiceV2ClientConfig> = {}
) =>
  new PinpointSMSVoiceV2Client({
    region: config.region,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: config.connectTimeoutMs,
      requestTimeout: config.sendTimeoutMs,
      // Without it the SDK only logs a warning when requestTimeout passes.
      throwOnRequestTimeout: true,
    }),
    ...overrides,
  })
