export {
  startLocalS3,
  DEFAULT_BUCKET,
  DEFAULT_HOST,
  DEFAULT_S3_PORT,
} from './s3/local-s3.ts'
export type { LocalS3, LocalS3Options, SampleObject } from './s3/local-s3.ts'
export {
  createSandboxS3Client,
  SANDBOX_CREDENTIALS,
} from './s3/sandbox-s3-client.ts'
export type {
  SandboxCredentials,
  SandboxS3ClientOptions,
} from './s3/sandbox-s3-client.ts'
export {
  startPinpointSandbox,
  DEFAULT_MESSAGES_PER_SECOND,
  DEFAULT_PINPOINT_PORT,
} from './pinpoint/pinpoint-sandbox.ts'
export type {
  PinpointSandbox,
  PinpointSandboxOptions,
  SandboxSns,
} from './pinpoint/pinpoint-sandbox.ts'
export type { OriginationIdentity } from './pinpoint/origination-identities.ts'
export { DEFAULT_EVENT_DELAY_MS } from './sns/delivery-events.ts'
export type { MediaEventRecord } from './sns/event-records.ts'
export type { DeliveryOptions, DeliveryRecord } from './sns/publisher.ts'
export type { SignatureVersion } from './sns/signing.ts'
export { defaultTopicArn } from './sns/sns-topic.ts'
export type { SubscriptionView } from './sns/sns-topic.ts'
export { startAll } from './start-all.ts'
export type { Sandbox, StartAllOptions } from './start-all.ts'
export {
  DEFAULT_CONFIGURATION_SET,
  DEFAULT_ORIGINATION_IDENTITY,
  SIMULATOR_FAILURE_NUMBER,
  SIMULATOR_OPTED_OUT_NUMBER,
  SIMULATOR_SUCCESS_NUMBER,
} from './pinpoint/simulator-numbers.ts'
export { INJECTABLE_ERRORS } from './pinpoint/api-errors.ts'
export type { InjectableError } from './pinpoint/api-errors.ts'
export type { FailNext, FaultPatch, FaultSettings } from './pinpoint/faults.ts'
export type { DeliveryStatus, InboxMessage } from './pinpoint/inbox.ts'
export type { MediaInfo } from './pinpoint/media-check.ts'
export type { SandboxStats } from './pinpoint/stats.ts'
export { MEDIA_SIZE_LIMITS } from './pinpoint/media-types.ts'
export { SAMPLE_IMAGE, SAMPLE_VIDEO } from './samples/sample-media.ts'
