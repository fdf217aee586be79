import { WebhookDispatcher } from './dispatcher'

export { GIVE_UP_AFTER_MS, webhookRetryDelayMs } from './backoff'
export {
  checkWebhookUrl,
  destinationPolicy,
  refusedAddressKind,
  type DestinationPolicy,
} from './destinationPolicy'
export {
  deliverClaimedWebhook,
  WebhookDispatcher,
  type WebhookDispatcherOptions,
} from './dispatcher'
export { enqueueStatusWebhooks, WEBHOOK_STATUSES } from './enqueue'
export { statusPayload, type StatusWebhookPayload } from './payload'
export {
  DELIVERY_ID_HEADER,
  SIGNATURE_HEADER,
  newWebhookSecret,
  signatureHeader,
} from './signature'
export { checkStatusCallbackUrl } from './statusCallbackUrl'
export { WEBHOOK_ERROR, type WebhookErrorCode } from './webhookErrors'

/** A dispatcher for this process: a few deliveries at a time, each allowed 10 s. */
export const createWebhookDispatcher = (): WebhookDispatcher =>
  new WebhookDispatcher({
    concurrency: 4,
    pollMs: 1_000,
    timeoutMs: 10_000,
    leaseMs: 60_000,
  })
