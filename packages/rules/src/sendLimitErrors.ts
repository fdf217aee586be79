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

/** The `extensions` of a refused send (a type, not an interface, so it fits GraphQL's extensions map). */
export type SendLimitErrorExtensions = {
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

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`

/** `30 seconds`, `13 hours 45 minutes`: a wait in words, rounded up to the minute past one. */
export const describeWait = (seconds: number): string => {
  if (seconds < 60) {
    return plural(seconds, 'second')
  }
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 60) {
    return plural(minutes, 'minute')
  }
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest === 0
    ? plural(hours, 'hour')
    : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`
}
