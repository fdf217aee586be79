import { performance } from 'node:perf_hooks'

/**
 * Per-key sliding one-second window: at most `limitPerSecond` acquisitions
 * within any 1000 ms. The limit is one number for every key or each key's
 * own; a limit of 0 means unlimited.
 */
export class SlidingWindowRateLimiter {
  private readonly windows = new Map<string, number[]>()
  private readonly limitOf: (key: string) => number

  constructor(
    limitPerSecond: number | ((key: string) => number),
    private readonly now: () => number = () => performance.now()
  ) {
    this.limitOf =
      typeof limitPerSecond === 'number' ? () => limitPerSecond : limitPerSecond
  }

  tryAcquire(key: string): boolean {
    const limit = this.limitOf(key)
    if (limit === 0) return true
    const now = this.now()
    const window = (this.windows.get(key) ?? []).filter((at) => now - at < 1000)
    if (window.length >= limit) {
      this.windows.set(key, window)
      return false
    }
    window.push(now)
    this.windows.set(key, window)
    return true
  }

  reset(): void {
    this.windows.clear()
  }
}
