import { logger } from 'src/lib/logger'
import { LoopPause } from 'src/lib/loopPause'
import { workerName } from 'src/lib/sendQueue/worker'

import { GIVE_UP_AFTER_MS, webhookRetryDelayMs } from './backoff'
import {
  claimDelivery,
  currentSecretOf,
  findDueDeliveries,
  loadClaimedDelivery,
  settleDelivery,
  type DeliveryOutcome,
} from './deliveryStore'
import { destinationPolicy, type DestinationPolicy } from './destinationPolicy'
import { postWebhook } from './postWebhook'
import type { Resolver } from './resolveDestination'
import {
  DELIVERY_ID_HEADER,
  SIGNATURE_HEADER,
  signatureHeader,
} from './signature'
import { FINAL_WEBHOOK_ERRORS, type WebhookErrorCode } from './webhookErrors'

export interface DeliverDeps {
  /** This dispatcher's name, written into the leases it holds. */
  owner: string
  policy: DestinationPolicy
  /** The whole exchange: resolving, connecting and the answer's headers. */
  timeoutMs: number
  resolve?: Resolver
  now?: () => number
  random?: () => number
}

const USER_AGENT = 'mms-sender-webhooks/1'

/** What follows an attempt: 2xx delivers; anything else waits and retries, until the day is out. */
const outcomeOf = (
  createdAt: Date,
  attempts: number,
  answer: { status: number } | { code: WebhookErrorCode },
  nowMs: number,
  random: () => number
): DeliveryOutcome => {
  if ('status' in answer && answer.status >= 200 && answer.status < 300) {
    return { kind: 'DELIVERED' }
  }
  if ('code' in answer && FINAL_WEBHOOK_ERRORS.includes(answer.code)) {
    return { kind: 'FAILED' }
  }
  const giveUpAtMs = createdAt.getTime() + GIVE_UP_AFTER_MS
  if (nowMs >= giveUpAtMs) {
    return { kind: 'FAILED' }
  }
  // The last try falls at the day's end rather than after it.
  const atMs = Math.min(
    nowMs + webhookRetryDelayMs(attempts, random),
    giveUpAtMs
  )
  return { kind: 'RETRY', atMs }
}

/** POSTs a delivery this dispatcher has claimed, once, and records what came of it. */
export const deliverClaimedWebhook = async (
  id: string,
  deps: DeliverDeps
): Promise<void> => {
  const now = deps.now ?? Date.now
  const random = deps.random ?? Math.random
  const delivery = await loadClaimedDelivery(id, deps.owner)
  if (!delivery) {
    return
  }
  const log = logger.child({
    webhookDeliveryId: id,
    mmsMessageId: delivery.messageId,
  })

  const secret = delivery.endpointId
    ? delivery.endpoint?.disabledAt
      ? null
      : delivery.endpoint?.secret
    : await currentSecretOf(delivery.apiKeyId)
  if (!secret) {
    const code: WebhookErrorCode = delivery.endpointId
      ? 'ENDPOINT_REMOVED'
      : 'NO_SIGNING_SECRET'
    await settleDelivery(
      delivery,
      deps.owner,
      null,
      { kind: 'FAILED' },
      now(),
      code
    )
    log.warn({ errorCode: code }, 'Status webhook not sent')
    return
  }

  const startedAtMs = now()
  const result = await postWebhook(
    {
      url: delivery.url,
      body: delivery.payload,
      headers: {
        'User-Agent': USER_AGENT,
        [SIGNATURE_HEADER]: signatureHeader(
          secret,
          delivery.payload,
          startedAtMs
        ),
        [DELIVERY_ID_HEADER]: delivery.id,
      },
    },
    { policy: deps.policy, timeoutMs: deps.timeoutMs, resolve: deps.resolve }
  )
  const endedAtMs = now()
  const attempt = {
    startedAt: new Date(startedAtMs),
    durationMs: Math.max(0, endedAtMs - startedAtMs),
    responseStatus: result.kind === 'ANSWERED' ? result.status : null,
    errorCode: result.kind === 'NOT_ANSWERED' ? result.code : null,
  }
  const outcome = outcomeOf(
    delivery.createdAt,
    delivery.attempts + 1,
    result.kind === 'ANSWERED'
      ? { status: result.status }
      : { code: result.code },
    endedAtMs,
    random
  )
  const recorded = await settleDelivery(
    delivery,
    deps.owner,
    attempt,
    outcome,
    endedAtMs
  )
  const details = {
    attempt: delivery.attempts + 1,
    responseStatus: attempt.responseStatus,
    errorCode: attempt.errorCode,
    outcome: outcome.kind,
    host: new URL(delivery.url).host,
  }
  if (!recorded) {
    log.warn(
      details,
      'Status webhook lease lost before its attempt was recorded'
    )
  } else if (outcome.kind === 'DELIVERED') {
    log.info(details, 'Status webhook delivered')
  } else {
    log.warn(details, 'Status webhook not answered 2xx')
  }
}

export interface WebhookDispatcherOptions
  extends Omit<DeliverDeps, 'owner' | 'policy'> {
  policy?: DestinationPolicy
  /** Deliveries POSTed at the same time. */
  concurrency: number
  /** How often to look for due deliveries. */
  pollMs: number
  /** How long a claim lasts; longer than timeoutMs, so a live attempt keeps it. */
  leaseMs: number
}

/**
 * POSTs due status webhooks, up to `concurrency` at a time, beside the send
 * worker. Any number of dispatchers, in any processes, share the outbox: a
 * delivery is attempted only by the dispatcher whose lease it carries.
 */
export class WebhookDispatcher {
  readonly name = workerName()
  private readonly deps: DeliverDeps
  private readonly inFlight = new Map<string, Promise<void>>()
  private stopping = false
  private loop?: Promise<void>
  private readonly pause = new LoopPause()

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.deps = {
      ...options,
      policy: options.policy ?? destinationPolicy(),
      owner: this.name,
    }
  }

  start(): this {
    this.loop = this.run()
    logger.info(
      { dispatcher: this.name, concurrency: this.options.concurrency },
      'Webhook dispatcher started'
    )
    return this
  }

  /** Stops taking deliveries and waits for those being POSTed. */
  async stop(): Promise<void> {
    this.stopping = true
    this.pause.nudge()
    await this.loop
    await Promise.allSettled(this.inFlight.values())
    logger.info({ dispatcher: this.name }, 'Webhook dispatcher stopped')
  }

  private async run() {
    while (!this.stopping) {
      try {
        await this.takeDueDeliveries()
      } catch (error) {
        logger.error(
          { err: error, dispatcher: this.name },
          'Webhook dispatcher error'
        )
      }
      if (!this.stopping) {
        await this.pause.wait(this.options.pollMs)
      }
    }
  }

  private async takeDueDeliveries() {
    const now = this.deps.now ?? Date.now
    const free = this.options.concurrency - this.inFlight.size
    if (free <= 0) {
      return
    }
    for (const { id } of await findDueDeliveries(now(), free)) {
      if (this.stopping || this.inFlight.has(id)) {
        continue
      }
      if (!(await claimDelivery(id, this.name, now(), this.options.leaseMs))) {
        continue
      }
      const delivering = deliverClaimedWebhook(id, this.deps)
        .catch((error: unknown) =>
          logger.error(
            { err: error, webhookDeliveryId: id },
            'Status webhook attempt failed'
          )
        )
        .finally(() => {
          this.inFlight.delete(id)
          this.pause.nudge()
        })
      this.inFlight.set(id, delivering)
    }
  }
}
