import type {
  SendLimitErrorCode,
  SendLimitErrorExtensions,
  SendLimitScope,
} from '@mms/rules'

import { RedwoodError } from '@redwoodjs/api'

import type { SendWindow } from './windows'

/** A limit that one more send would break. */
export interface ReachedLimit {
  scope: SendLimitScope
  window: SendWindow
  limit: number
}

const WHOSE: Record<SendLimitScope, string> = {
  USER: 'your account',
  API_KEY: 'this API key',
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`

/** `30 seconds`, `13 hours 44 minutes`: how long, roughly, for a person. */
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

/**
 * A send refused by a sending limit: nothing was recorded or sent. Its
 * extensions say which limit and when a send can succeed again.
 */
export class SendLimitError extends RedwoodError {
  constructor({ scope, window, limit }: ReachedLimit, nowMs: number) {
    const code: SendLimitErrorCode =
      window.kind === 'MINUTE' ? 'RATE_LIMITED' : 'QUOTA_EXCEEDED'
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((window.endMs - nowMs) / 1000)
    )
    const retryAt = new Date(window.endMs).toISOString()
    const what =
      window.kind === 'MINUTE'
        ? `Sending rate reached: ${WHOSE[scope]} may send ${plural(limit, 'message')} a minute.`
        : `Daily quota reached: ${WHOSE[scope]} may send ${plural(limit, 'message')} a day (days start at midnight UTC).`
    const extensions: SendLimitErrorExtensions = {
      code,
      scope,
      limit,
      retryAfterSeconds,
      retryAt,
    }
    super(
      `${what} Nothing was sent. Try again in ${describeWait(retryAfterSeconds)}, after ${retryAt}.`,
      extensions
    )
    this.name = 'SendLimitError'
  }
}
