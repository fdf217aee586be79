import type { RetryReason } from 'src/lib/mmsProvider'

const BASE_MS = 1_000
const CAP_MS = 60_000

/**
 * How long to wait before the next attempt: exponential in the attempts that
 * failed (a throttled one waits the base), with equal jitter so that messages
 * failed together do not come back together.
 */
export const retryDelayMs = (
  reason: RetryReason,
  countedAttempts: number,
  random: () => number = Math.random
): number => {
  const ceiling =
    reason === 'THROTTLED'
      ? BASE_MS
      : Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, countedAttempts - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}
