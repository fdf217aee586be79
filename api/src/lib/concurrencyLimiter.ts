/**
 * Runs at most `concurrency` tasks at once and queues up to `maxQueue` more;
 * `run` returns null when the queue is full, so callers can refuse at once.
 */
export class ConcurrencyLimiter {
  private running = 0
  private readonly queue: Array<() => void> = []

  constructor(
    private readonly limits: { concurrency: number; maxQueue: number }
  ) {}

  run<T>(task: () => Promise<T>): Promise<T> | null {
    if (
      this.running >= this.limits.concurrency &&
      this.queue.length >= this.limits.maxQueue
    ) {
      return null
    }
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++
        task()
          .then(resolve, reject)
          .finally(() => {
            this.running--
            this.queue.shift()?.()
          })
      }
      if (this.running < this.limits.concurrency) {
        start()
      } else {
        this.queue.push(start)
      }
    })
  }
}
