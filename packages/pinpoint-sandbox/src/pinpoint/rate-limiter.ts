import { performance } from 'node:perf_hooks'

/**
 * Per-key sliding one-second window: at most `limitPerSecond` acquisitions
 * within any 1000 ms. A limit of 0 means unlimited.
 */
export class SlidingWindowRateLimiter {
  private readonly windows = new Map<string, number[]>()

  constructor(
    private readonly limitPerSecond: number,
    private readonly now: () => number = () => performance.now()
  ) {}

  tryAcquire(key: string): boolean {
    if (this.limitPerSecond === 0) return true
    const now = this.now()
    const window = (this.windows.get(key) ?? []).filter((at) => now - at < 1000)
    if (window.length >= this.limitPerSecond) {
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
