import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2'

import { mmsConfig } from '../config'
import type { MmsProvider } from '../mmsProvider'

import { createPinpointClient } from './client'
import { PinpointMmsProvider } from './provider'

export { createPinpointClient } from './client'
export { PinpointMmsProvider } from './provider'

let client: PinpointSMSVoiceV2Client | undefined
let provider: MmsProvider | undefined

/** The process's Pinpoint SMS and Voice v2 client, built on first use. */
export const pinpointClient = (): PinpointSMSVoiceV2Client => {
  client ??= createPinpointClient(mmsConfig())
  return client
}

/** The process's Pinpoint provider. */
export const pinpointProvider = (): MmsProvider => {
  provider ??= new PinpointMmsProvider(pinpointClient())
  return provider
}
