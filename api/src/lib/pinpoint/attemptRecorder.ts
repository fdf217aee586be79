import { isThrottlingError } from '@smithy/core/retry'
import type {
  FinalizeHandler,
  FinalizeHandlerArguments,
  FinalizeRequestMiddleware,
  MetadataBearer,
} from '@smithy/types'

import type { AttemptRecord } from '../mmsProvider'

import {
  httpStatusOf,
  isNeverSent,
  isSafeToRetry,
} from './errorClassification'

/**
 * A middleware placed inside the SDK's retry loop, after signing, so it sees
 * each HTTP attempt once: when it started, how long it took and how it ended.
 */
export const recordAttemptsInto = <
  Input extends object,
  Output extends MetadataBearer,
>(
  attempts: AttemptRecord[],
  now: () => number = Date.now
): FinalizeRequestMiddleware<Input, Output> => {
  return (next: FinalizeHandler<Input, Output>) =>
    async (args: FinalizeHandlerArguments<Input>) => {
      const started = now()
      const number = attempts.length + 1
      const finish = (
        record: Omit<AttemptRecord, 'number' | 'startedAt' | 'durationMs'>
      ) =>
        attempts.push({
          number,
          startedAt: new Date(started),
          durationMs: Math.max(0, now() - started),
          ...record,
        })
      try {
        const result = await next(args)
        finish({ outcome: 'ACCEPTED', httpStatus: httpStatusOf(result.output) })
        return result
      } catch (error) {
        const httpStatus = httpStatusOf(error)
        const errorCode = (error as Error)?.name
        if (httpStatus !== undefined || isNeverSent(error)) {
          finish({
            outcome: isThrottlingError(error as never)
              ? 'THROTTLED'
              : isSafeToRetry(error)
                ? 'RETRYABLE'
                : 'REJECTED',
            httpStatus,
            errorCode,
          })
        } else {
          finish({ outcome: 'NO_RESPONSE', errorCode })
        }
        throw error
      }
    }
}

export const attemptRecorderOptions = {
  name: 'mmsAttemptRecorder',
  step: 'finalizeRequest' as const,
  priority: 'low' as const,
}
