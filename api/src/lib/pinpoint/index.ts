import { mmsConfig } from '../config'
import type { MmsProvider } from '../mmsProvider'

import { createPinpointClient } from './client'
import { PinpointMmsProvider } from './provider'

export { createPinpointClient } from './client'
export { PinpointMmsProvider } from './provider'

let provider: MmsProvider | undefined

/** The process's Pinpoint provider, built from the configuration on first use. */
export const pinpointProvider = (): MmsProvider => {
  provider ??= new PinpointMmsProvider(createPinpointClient(mmsConfig()))
  return provider
}
