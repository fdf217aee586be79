import type { InboxMessage } from '../pinpoint/inbox.ts'

import {
  eventRecord,
  eventStepsFor,
  type MediaEventRecord,
} from './event-records.ts'

export const DEFAULT_EVENT_DELAY_MS = 400

/**
 * Plays out an accepted message's delivery events over time, one every
 * `delayMs`, the first `delayMs` after the send; at most one timer per message.
 */
export class DeliveryEventScheduler {
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(
    private readonly delayMs: number,
    private readonly publish: (record: MediaEventRecord) => void
  ) {}

  schedule(message: InboxMessage, originationPhoneNumber: string): void {
    const steps = eventStepsFor(message)
    const next = (index: number) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        this.publish(
          eventRecord(
            message,
            originationPhoneNumber,
            steps[index]!,
            Date.now()
          )
        )
        if (index + 1 < steps.length) next(index + 1)
      }, this.delayMs)
      this.timers.add(timer)
    }
    next(0)
  }

  /** Events not yet published are never published. */
  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }
}
