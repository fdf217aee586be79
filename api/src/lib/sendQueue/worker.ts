import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'

import { logger } from 'src/lib/logger'
import { LoopPause } from 'src/lib/loopPause'

import {
  claimMessage,
  expireAbandonedSends,
  findDueMessages,
  releaseClaims,
  type DueMessage,
} from './queueStore'
import { attemptClaimedMessage, type SendAttemptDeps } from './sendAttempt'
import { onQueued } from './signals'

export interface SendWorkerOptions extends Omit<SendAttemptDeps, 'owner'> {
  /** Messages sent at the same time. */
  concurrency: number
  /** How often to look for messages queued by other processes. */
  pollMs: number
  /** How far ahead of its slot a message is claimed, to be sent on time. */
  lookaheadMs?: number
  /** How often to look for sends abandoned by dead workers. */
  sweepEveryMs?: number
}

export const workerName = () =>
  `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`

/**
 * Takes due messages from the queue and sends each at its reserved slot, up
 * to `concurrency` at a time. Any number of workers, in any processes, share
 * one queue: a message is sent only by the worker whose lease it carries.
 */
export class SendWorker {
  readonly name = workerName()
  private readonly deps: SendAttemptDeps
  private readonly inFlight = new Map<string, Promise<void>>()
  private readonly waitingForSlot = new Map<string, NodeJS.Timeout>()
  private stopping = false
  private loop?: Promise<void>
  private readonly pause = new LoopPause()
  private stopListening?: () => void
  private lastSweepAt = 0

  constructor(private readonly options: SendWorkerOptions) {
    this.deps = { ...options, owner: this.name }
  }

  start(): this {
    this.stopListening = onQueued(() => this.pause.nudge())
    this.loop = this.run()
    logger.info(
      { worker: this.name, concurrency: this.options.concurrency },
      'Send worker started'
    )
    return this
  }

  /** Stops taking messages, gives back those not yet started, and waits for the rest. */
  async stop(): Promise<void> {
    this.stopping = true
    this.stopListening?.()
    this.pause.nudge()
    await this.loop
    const notStarted = [...this.waitingForSlot.keys()]
    for (const [id, timer] of this.waitingForSlot) {
      clearTimeout(timer)
      this.inFlight.delete(id)
    }
    this.waitingForSlot.clear()
    await Promise.allSettled(this.inFlight.values())
    await releaseClaims(this.name, notStarted).catch((error: unknown) =>
      logger.warn({ err: error }, 'Could not give back claimed messages')
    )
    logger.info({ worker: this.name }, 'Send worker stopped')
  }

  private async run() {
    while (!this.stopping) {
      try {
        await this.takeDueMessages()
      } catch (error) {
        logger.error({ err: error, worker: this.name }, 'Send worker error')
      }
      if (!this.stopping) {
        await this.pause.wait(this.options.pollMs)
      }
    }
  }

  private async takeDueMessages() {
    const now = this.deps.now ?? Date.now
    const { sweepEveryMs = 5_000, lookaheadMs = 1_000 } = this.options
    if (now() - this.lastSweepAt >= sweepEveryMs) {
      this.lastSweepAt = now()
      const abandoned = await expireAbandonedSends(now())
      if (abandoned > 0) {
        logger.warn(
          { count: abandoned },
          'Sends cut off mid-request (worker stopped or lost its lease) ended UNKNOWN'
        )
      }
    }
    const free = this.options.concurrency - this.inFlight.size
    if (free <= 0) {
      return
    }
    const due = await findDueMessages(now(), lookaheadMs, free)
    for (const message of due) {
      const { id, nextAttemptAt } = message
      if (this.stopping || this.inFlight.has(id)) {
        continue
      }
      if (!(await claimMessage(id, this.name, now(), this.deps.leaseMs))) {
        continue
      }
      const delay = Math.max(0, (nextAttemptAt?.getTime() ?? 0) - now())
      this.inFlight.set(id, this.sendAt(message, delay))
    }
  }

  private sendAt(message: DueMessage, delayMs: number): Promise<void> {
    const { id } = message
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.waitingForSlot.delete(id)
        attemptClaimedMessage(message, this.deps)
          .catch((error: unknown) =>
            logger.error({ err: error, mmsMessageId: id }, 'Send failed')
          )
          .finally(() => {
            this.inFlight.delete(id)
            resolve()
            this.pause.nudge()
          })
      }, delayMs)
      this.waitingForSlot.set(id, timer)
    })
  }
}
