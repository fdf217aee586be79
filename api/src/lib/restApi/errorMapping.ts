import type { SendLimitErrorExtensions } from '@mms/rules'

import { RedwoodError } from '@redwoodjs/api'
import { AuthenticationError } from '@redwoodjs/graphql-server'

import { FieldValidationError } from 'src/lib/fieldValidationError'
import { SEND_REFUSALS } from 'src/lib/mmsErrors'
import { SendLimitError } from 'src/lib/sendLimits'
import { IdempotencyKeyReusedError } from 'src/lib/sendRequest'

import { RestError } from './restError'

const INTERNAL_ERROR_MESSAGE =
  'Something went wrong on our side and nothing is known to have been sent. Try again shortly.'

/**
 * The one place a service's error becomes an HTTP answer. Only our own error
 * classes are answered with their message; anything else is a 500 with a
 * fixed text, so no stack, SQL or AWS text reaches a caller.
 */
export const toRestError = (error: unknown): RestError => {
  if (error instanceof RestError) {
    return error
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new RestError(
      'IDEMPOTENCY_KEY_REUSED',
      error.fieldMessages.idempotencyKey.join(' ')
    )
  }
  if (error instanceof FieldValidationError) {
    return new RestError('BAD_USER_INPUT', error.message, {
      fields: error.fieldMessages,
    })
  }
  if (error instanceof SendLimitError) {
    const { code, scope, limit, retryAfterSeconds, retryAt } =
      error.extensions as SendLimitErrorExtensions
    return new RestError(
      code,
      error.message,
      { scope, limit, retryAfterSeconds, retryAt },
      { 'Retry-After': String(retryAfterSeconds) }
    )
  }
  if (
    error instanceof RedwoodError &&
    error.extensions?.code === 'MEDIA_CHECK_UNAVAILABLE'
  ) {
    return new RestError(
      'MEDIA_CHECK_UNAVAILABLE',
      SEND_REFUSALS.MEDIA_CHECK_UNAVAILABLE
    )
  }
  if (error instanceof AuthenticationError) {
    return unauthenticated('Send an API key as Authorization: Bearer <key>.')
  }
  return new RestError('INTERNAL_ERROR', INTERNAL_ERROR_MESSAGE)
}

/** A 401 with the challenge RFC 6750 asks for. */
export const unauthenticated = (message: string, invalidToken = false) =>
  new RestError(
    'UNAUTHENTICATED',
    message,
    {},
    {
      'WWW-Authenticate': invalidToken
        ? 'Bearer realm="mms", error="invalid_token"'
        : 'Bearer realm="mms"',
    }
  )
