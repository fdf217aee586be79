import { isThrottlingError } from '@smithy/core/retry'

/**
 * Whether a failed request to AWS may have been accepted. Only an error that
 * proves AWS did not take the message makes a retry safe: SendMediaMessage
 * has no idempotency token, so retrying an unanswered request can put a
 * second message on the handset.
 */
export type Acceptance = 'NOT_ACCEPTED' | 'MAYBE_ACCEPTED'

// Failures before a connection exists: the request never left this host.
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
])

interface ErrorShape {
  name?: string
  code?: string
  cause?: unknown
  $metadata?: { httpStatusCode?: number }
  $fault?: 'client' | 'server'
}

export const httpStatusOf = (error: unknown): number | undefined =>
  (error as ErrorShape | undefined)?.$metadata?.httpStatusCode

export const networkCodeOf = (error: unknown): string | undefined => {
  let current = error as ErrorShape | undefined
  for (let depth = 0; current && depth < 3; depth++) {
    if (typeof current.code === 'string') {
      return current.code
    }
    current = current.cause as ErrorShape | undefined
  }
  return undefined
}

// Raised by the SDK while preparing a request, before anything is sent.
const PRE_REQUEST_ERROR_NAMES = new Set([
  'CredentialsProviderError',
  'TokenProviderError',
  'EndpointError',
])

// The HTTP handler's connection timeout: the socket never connected. Its
// request timeout has the same name, after the request went out, so the two
// are told apart by the handler's own message.
const isConnectTimeout = (error: unknown) => {
  const { name, message } = (error ?? {}) as { name?: string; message?: string }
  return (
    name === 'TimeoutError' &&
    /did not establish a connection/.test(message ?? '')
  )
}

export const isNeverSent = (error: unknown): boolean =>
  NEVER_SENT_CODES.has(networkCodeOf(error) ?? '') ||
  PRE_REQUEST_ERROR_NAMES.has((error as ErrorShape | undefined)?.name ?? '') ||
  isConnectTimeout(error)

/** An error response from AWS itself: 4xx refusals and 5xx failures. */
export const isServiceResponse = (error: unknown): boolean => {
  const status = httpStatusOf(error)
  return status !== undefined && status >= 400
}

export const acceptanceOf = (error: unknown): Acceptance =>
  isServiceResponse(error) || isNeverSent(error)
    ? 'NOT_ACCEPTED'
    : 'MAYBE_ACCEPTED'

/**
 * Whether another attempt is safe and may succeed: AWS answered with
 * throttling or a 5xx, or the request never left this host. A timeout or a
 * reset connection is not: AWS may have accepted the message.
 */
export const isSafeToRetry = (error: unknown): boolean => {
  if (isThrottlingError(error as never)) {
    return true
  }
  const status = httpStatusOf(error)
  if (status !== undefined && status >= 500) {
    return true
  }
  return isNeverSent(error)
}
