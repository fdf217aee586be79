/**
 * `extensions.code` of a send refused by a sending limit: RATE_LIMITED for a
 * per-minute rate, QUOTA_EXCEEDED for a daily quota (UTC days). Nothing was
 * recorded or sent; the same request succeeds after `retryAt`.
 */
export const SEND_LIMIT_ERROR_CODES = [
  'RATE_LIMITED',
  'QUOTA_EXCEEDED',
] as const

export type SendLimitErrorCode = (typeof SEND_LIMIT_ERROR_CODES)[number]

/** Whose limit was reached: the account's (every key and the web app together) or one API key's. */
export type SendLimitScope = 'USER' | 'API_KEY'

/** The `extensions` of a refused send. */
export interface SendLimitErrorExtensions {
  code: SendLimitErrorCode
  scope: SendLimitScope
  /** Messages allowed per minute (RATE_LIMITED) or per UTC day (QUOTA_EXCEEDED). */
  limit: number
  /** Whole seconds until a send can succeed again, rounded up. */
  retryAfterSeconds: number
  /** When a send can succeed again, ISO 8601 in UTC. */
  retryAt: string
}

export const isSendLimitErrorCode = (
  code: unknown
): code is SendLimitErrorCode =>
  (SEND_LIMIT_ERROR_CODES as readonly unknown[]).includes(code)
