import { StandardRetryStrategy } from '@smithy/core/retry'
import type {
  RetryErrorInfo,
  RetryStrategyV2,
  StandardRetryToken,
} from '@smithy/types'

import { httpStatusOf, isNeverSent } from './errorClassification'

/**
 * The SDK's standard strategy (exponential backoff with full jitter, retry
 * quota), narrowed to errors after which AWS certainly did not accept the
 * message: throttling, 5xx responses and connections that never opened. The
 * standard strategy would also retry timeouts and reset connections, which
 * can duplicate a message that AWS did accept.
 */
export class AcceptanceSafeRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard'
  private readonly standard: StandardRetryStrategy

  constructor(maxAttempts: number) {
    this.standard = new StandardRetryStrategy(maxAttempts)
  }

  acquireInitialRetryToken(scope: string): Promise<StandardRetryToken> {
    return this.standard.acquireInitialRetryToken(scope)
  }

  async refreshRetryTokenForRetry(
    token: StandardRetryToken,
    errorInfo: RetryErrorInfo
  ): Promise<StandardRetryToken> {
    if (!isSafeToRetry(errorInfo)) {
      throw errorInfo.error
    }
    return this.standard.refreshRetryTokenForRetry(token, errorInfo)
  }

  recordSuccess(token: StandardRetryToken): void {
    this.standard.recordSuccess(token)
  }
}

export const isSafeToRetry = ({
  error,
  errorType,
}: RetryErrorInfo): boolean => {
  if (errorType === 'THROTTLING') {
    return true
  }
  const status = httpStatusOf(error)
  if (status !== undefined && status >= 500) {
    return true
  }
  return isNeverSent(error)
}
