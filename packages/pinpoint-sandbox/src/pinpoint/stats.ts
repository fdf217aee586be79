/** Every API request ends in exactly one outcome counter (once it is no longer in flight). */
export interface SandboxStats {
  /** API requests received (POST /). */
  requests: number
  /** Requests still being handled, or waiting out an added latency. */
  inFlight: number
  /** Sends accepted with a MessageId (not counting dry runs). */
  accepted: number
  /** DryRun requests that passed every check. */
  dryRuns: number
  /** DescribePhoneNumbers answered with phone numbers (errors count under their own outcome). */
  describeCalls: number
  /** ThrottlingException from the messages-per-second limit. */
  throttled: number
  /** Errors produced by fault injection (rates or failNext). */
  injectedErrors: number
  injectedErrorsByType: Record<string, number>
  /** ValidationException (field constraints, media checks). */
  validationErrors: number
  resourceNotFound: number
  conflicts: number
  /** Unknown operation, missing or malformed SigV4 authorization, unparseable body. */
  protocolErrors: number
  /** Requests that were deliberately never answered. */
  hung: number
  /** Requests cut off: the client disconnected before its request was read, or the sandbox stopped. */
  cancelled: number
  /** Bugs in the sandbox itself, answered with InternalServerException. */
  unexpectedErrors: number
  /** Hung requests whose connection is still open. */
  hangingNow: number
}

export type Outcome = Exclude<
  keyof SandboxStats,
  'requests' | 'inFlight' | 'injectedErrorsByType' | 'hangingNow'
>

export function emptyStats(): SandboxStats {
  return {
    requests: 0,
    inFlight: 0,
    accepted: 0,
    dryRuns: 0,
    describeCalls: 0,
    throttled: 0,
    injectedErrors: 0,
    injectedErrorsByType: {},
    validationErrors: 0,
    resourceNotFound: 0,
    conflicts: 0,
    protocolErrors: 0,
    hung: 0,
    cancelled: 0,
    unexpectedErrors: 0,
    hangingNow: 0,
  }
}

/**
 * Zeroes the counters in place (handlers of requests still in flight hold a
 * reference to this object). Requests in flight count as requests of the new
 * period, so the outcomes still add up to `requests - inFlight`.
 */
export function resetStats(stats: SandboxStats): void {
  const { inFlight, hangingNow } = stats
  Object.assign(stats, emptyStats(), {
    requests: inFlight,
    inFlight,
    hangingNow,
  })
}
