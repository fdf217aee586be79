import { createSendWorker, type SendWorker } from 'src/lib/sendQueue'

/**
 * Runs a send worker in the test process, as the api server does, for test
 * files whose sends must reach an outcome. Call at the top of the file: the
 * configuration is read once, when the worker is made, so the settings here
 * (a rate no test waits for, short timeouts) must be in place first.
 */
export const runSendWorkerDuringTests = (
  originationIdentity = '+18445550100'
) => {
  Object.assign(process.env, {
    MMS_ORIGINATION_RATES: `${originationIdentity}=1000`,
    MMS_WORKER_POLL_MS: '20',
    MMS_SEND_TIMEOUT_MS: '1000',
    MMS_CONNECT_TIMEOUT_MS: '500',
    MMS_QUEUE_LEASE_SECONDS: '5',
  })
  let worker: SendWorker | undefined
  beforeAll(() => {
    worker = createSendWorker().start()
  })
  afterAll(async () => {
    await worker?.stop()
  })
}
