import { isThrottlingError } from '@smithy/core/retry'

import { mmsError, type MmsError, type MmsErrorCode } from '../mmsErrors'
import type { RetryReason } from '../mmsProvider'

import {
  acceptanceOf,
  isNeverSent,
  isSafeToRetry,
} from './errorClassification'

interface AwsErrorShape {
  name?: string
  Reason?: string
  ResourceType?: string
}

const VALIDATION_REASONS: Record<string, MmsErrorCode> = {
  MEDIA_TYPE_NOT_SUPPORTED: 'MEDIA_TYPE_NOT_SUPPORTED',
  ATTACHMENT_TYPE_NOT_SUPPORTED: 'MEDIA_TYPE_NOT_SUPPORTED',
  MAXIMUM_SIZE_EXCEEDED: 'MEDIA_TOO_LARGE',
  RESOURCE_NOT_ACCESSIBLE: 'MEDIA_NOT_ACCESSIBLE',
  DESTINATION_COUNTRY_BLOCKED: 'DESTINATION_COUNTRY_BLOCKED',
  PRICE_OVER_THRESHOLD: 'PRICE_OVER_THRESHOLD',
}

const CONFLICT_REASONS: Record<string, MmsErrorCode> = {
  DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION:
    'DESTINATION_COUNTRY_BLOCKED',
  DESTINATION_PHONE_NUMBER_OPTED_OUT: 'DESTINATION_OPTED_OUT',
  DESTINATION_PHONE_NUMBER_NOT_VERIFIED: 'DESTINATION_NOT_VERIFIED',
  NUMBER_CAPABILITIES_MISMATCH: 'ORIGINATION_NOT_MMS_CAPABLE',
  RESOURCE_NOT_ACTIVE: 'ORIGINATION_NOT_ACTIVE',
}

const ORIGINATION_RESOURCE_TYPES = new Set([
  'phone-number',
  'pool',
  'sender-id',
])

const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'MissingAuthenticationTokenException',
])

const codeFor = (error: unknown): MmsErrorCode => {
  const {
    name = '',
    Reason = '',
    ResourceType = '',
  } = (error ?? {}) as AwsErrorShape
  switch (name) {
    case 'ValidationException':
      return VALIDATION_REASONS[Reason] ?? 'INVALID_REQUEST'
    case 'ConflictException':
      return CONFLICT_REASONS[Reason] ?? 'CONFLICT'
    case 'ResourceNotFoundException':
      if (ORIGINATION_RESOURCE_TYPES.has(ResourceType)) {
        return 'ORIGINATION_NOT_FOUND'
      }
      return ResourceType === 'configuration-set'
        ? 'CONFIGURATION_SET_NOT_FOUND'
        : 'RESOURCE_NOT_FOUND'
    case 'ServiceQuotaExceededException':
      return Reason.startsWith('MONTHLY_SPEND_LIMIT_REACHED')
        ? 'SPEND_LIMIT_REACHED'
        : 'PROVIDER_QUOTA_EXCEEDED'
    case 'AccessDeniedException':
      return 'PROVIDER_ACCESS_DENIED'
    case 'ThrottlingException':
      return 'THROTTLED'
    case 'InternalServerException':
      return 'PROVIDER_UNAVAILABLE'
  }
  if (CREDENTIAL_ERRORS.has(name)) {
    return 'PROVIDER_CREDENTIALS_MISSING'
  }
  if (isNeverSent(error)) {
    return 'PROVIDER_UNREACHABLE'
  }
  return acceptanceOf(error) === 'MAYBE_ACCEPTED'
    ? 'OUTCOME_UNKNOWN'
    : 'PROVIDER_ERROR'
}

export interface MappedSendError {
  /** FAILED: AWS certainly did not take the message. UNKNOWN: it may have. */
  status: 'FAILED' | 'UNKNOWN'
  error: MmsError
  retry?: RetryReason
}

const retryReasonFor = (error: unknown): RetryReason | undefined => {
  if (isThrottlingError(error as never)) {
    return 'THROTTLED'
  }
  return isSafeToRetry(error) ? 'TRANSIENT' : undefined
}

/** Turns whatever the SDK threw into our own code and a safe message. */
export const mapSendError = (error: unknown): MappedSendError => {
  if (acceptanceOf(error) === 'MAYBE_ACCEPTED') {
    return { status: 'UNKNOWN', error: mmsError(codeFor(error)) }
  }
  const retry = retryReasonFor(error)
  return {
    status: 'FAILED',
    error: mmsError(codeFor(error)),
    ...(retry ? { retry } : {}),
  }
}
