import { mmsConfig } from 'src/lib/config'
import { pinpointClient, pinpointProvider } from 'src/lib/pinpoint'

import { listPhoneNumbers, OriginationRates } from './originationRates'
import { SendWorker } from './worker'

export { originationIdentityFor } from './originationIdentity'
export { intervalMsOf } from './originationRates'
export { reserveSendSlot } from './pacing'
export { announceQueued } from './signals'
export { waitForSend } from './waitForSend'
export { SendWorker } from './worker'

let rates: OriginationRates | undefined

/** The process's origination rates, read from AWS on first use. */
export const originationRates = (): OriginationRates => {
  rates ??= new OriginationRates(
    () => listPhoneNumbers(pinpointClient()),
    mmsConfig().originationRates
  )
  return rates
}

/** A worker for this process, configured from the environment. */
export const createSendWorker = (): SendWorker => {
  const config = mmsConfig()
  return new SendWorker({
    provider: pinpointProvider(),
    rates: originationRates(),
    leaseMs: config.queue.leaseMs,
    maxAttempts: config.sendMaxAttempts,
    concurrency: config.queue.workerConcurrency,
    pollMs: config.queue.pollMs,
  })
}
