export {
  deliveryEventsConfigProblems,
  readDeliveryEventsConfig,
  type DeliveryEventsConfig,
} from './config'
export {
  createDeliveryEventsHandler,
  type DeliveryEventsOptions,
} from './deliveryEventsHandler'
export {
  meaningOf,
  parseEventRecord,
  type EventMeaning,
  type EventRecord,
} from './eventRecord'
export { recordDeliveryEvent, type RecordOutcome } from './recordDeliveryEvent'
export { createSnsVerifier, type SnsVerifier } from './snsVerification'
