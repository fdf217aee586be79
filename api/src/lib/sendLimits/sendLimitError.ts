import {
  describeWait,
  type SendLimitErrorCode,
  type SendLimitErrorExtensions,
  type SendLimitScope,
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
