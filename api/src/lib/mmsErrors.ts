import type { SendLimitErrorCode } from '@mms/rules'
import type { MmsErrorCode as SdlMmsErrorCode } from 'types/graphql'

/**
 * Every error code the api gives about sending, in two sets that never share
 * a name:
 * - MMS_ERRORS: recorded on a message (`errorCode`) when it was not sent,
 *   or not delivered; the SDL's MmsErrorCode enum lists the same names;
 * - SEND_REFUSALS: `extensions.code` of a sendMms call refused before
 *   anything was recorded, besides GraphQL's own BAD_USER_INPUT (invalid
 *   input, per field) and UNAUTHENTICATED.
 */

/**
 * Stable error codes recorded on a message and returned to callers. Each has
 * a message written for the person who has to act on it; provider error text
 * is never shown.
 */
export const MMS_ERRORS = {
  INVALID_REQUEST:
    'The provider refused the message as invalid. Check the number, body and media.',
  MEDIA_TYPE_NOT_SUPPORTED:
    'The provider does not accept this media type for MMS.',
  MEDIA_TOO_LARGE: 'The media file is larger than MMS allows for its type.',
  MEDIA_NOT_ACCESSIBLE:
    'The provider could not read the media file from S3. Check that it exists and that the service may read it.',
  DESTINATION_COUNTRY_BLOCKED:
    'Sending to this country is blocked for the account.',
  PRICE_OVER_THRESHOLD: 'The message would cost more than the max price given.',
  DESTINATION_OPTED_OUT:
    'The recipient has opted out of messages from this sender.',
  DESTINATION_NOT_VERIFIED:
    'The account is in the AWS sandbox and this destination is not a verified number.',
  ORIGINATION_NOT_MMS_CAPABLE:
    'The sending number cannot send MMS to this destination.',
  ORIGINATION_NOT_ACTIVE: 'The sending number or pool is not active.',
  ORIGINATION_NOT_FOUND:
    'The configured sending number or pool does not exist in this account and Region.',
  CONFIGURATION_SET_NOT_FOUND:
    'The configuration set does not exist in this account and Region.',
  RESOURCE_NOT_FOUND: 'A resource the message refers to does not exist.',
  CONFLICT:
    'The provider refused the message because of the state of the account or number.',
  SPEND_LIMIT_REACHED:
    "The account's monthly MMS spend limit has been reached.",
  PROVIDER_QUOTA_EXCEEDED: 'An AWS account quota would be exceeded.',
  PROVIDER_ACCESS_DENIED:
    'The service is not allowed to send this message (IAM permissions).',
  PROVIDER_CREDENTIALS_MISSING: 'The service has no valid AWS credentials.',
  THROTTLED:
    'The sending rate limit was still exceeded after retrying. Try again shortly.',
  PROVIDER_UNAVAILABLE:
    'The provider failed to process the message. Try again shortly.',
  PROVIDER_UNREACHABLE:
    'The provider could not be reached, so nothing was sent. Try again shortly.',
  OUTCOME_UNKNOWN:
    'The provider did not answer in time, so it is not known whether the message was sent. It was not retried, to avoid a duplicate.',
  PROVIDER_ERROR: 'The provider returned an unexpected error.',
  EXPIRED_IN_QUEUE:
    'The message waited in the queue longer than allowed (MMS_QUEUE_TTL_SECONDS) and was not sent.',
  DESTINATION_UNREACHABLE:
    'The carrier could not reach the phone: it may be off, out of coverage, or not able to receive MMS.',
  BLOCKED_BY_CARRIER:
    'The carrier blocked the message. Check the content and that the sending number is registered for this use.',
  FLAGGED_AS_SPAM: 'The carrier refused the message as spam.',
  INVALID_DESTINATION:
    'The carrier reported the destination as not a valid mobile number.',
  INVALID_MESSAGE: 'The carrier refused the message as invalid.',
  DELIVERY_EXPIRED:
    'The message could not be delivered before its time to live ran out.',
  DELIVERY_UNKNOWN:
    'The carrier did not report whether the message was delivered.',
} as const satisfies Record<SdlMmsErrorCode, string>

export type MmsErrorCode = keyof typeof MMS_ERRORS

export interface MmsError {
  code: MmsErrorCode
  message: string
}

export const mmsError = (code: MmsErrorCode): MmsError => ({
  code,
  message: MMS_ERRORS[code],
})

/** What each refusal means; the error's own message says which limit and when. */
export const SEND_REFUSALS = {
  RATE_LIMITED:
    'A per-minute sending rate (of the account or of the API key) was reached. Nothing was recorded or sent; retry after extensions.retryAt.',
  QUOTA_EXCEEDED:
    'A daily sending quota (UTC day, of the account or of the API key) was reached. Nothing was recorded or sent; retry after extensions.retryAt.',
  MEDIA_CHECK_UNAVAILABLE:
    'The media file could not be checked in S3 just now, so nothing was sent. Try again shortly.',
} as const satisfies Record<SendLimitErrorCode, string> & Record<string, string>

export type SendRefusalCode = keyof typeof SEND_REFUSALS
