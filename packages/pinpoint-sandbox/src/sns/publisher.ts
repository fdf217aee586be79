import http from 'node:http'
import https from 'node:https'

import type { SnsMessageType } from './signing.ts'

export interface DeliveryOptions {
  /** Attempts per message, the first included (SNS's default HTTP/S policy: 1 + 3 retries). Default 4. */
  maxAttempts: number
  /** Wait before the first retry, doubled for each later one. Default 250 ms. */
  retryDelayMs: number
  /** Each attempt's limit (SNS waits 15 s). Default 15000 ms. */
  timeoutMs: number
  /** Deliveries waiting to start; past it the oldest is dropped. Default 1000. */
  maxPending: number
  /** Requests in flight to one subscription at once. Default 8. */
  concurrencyPerSubscription: number
  /** Deliveries kept for GET /_sns/deliveries.json. Default 500. */
  maxRecords: number
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  maxAttempts: 4,
  retryDelayMs: 250,
  timeoutMs: 15_000,
  maxPending: 1000,
  concurrencyPerSubscription: 8,
  maxRecords: 500,
}

export type DeliveryState =
  | 'pending'
  | 'retrying'
  | 'delivered'
  | 'failed'
  | 'dropped'
  | 'cancelled'

/** One SNS message on its way to one subscription, as GET /_sns/deliveries.json shows it. */
export interface DeliveryRecord {
  snsMessageId: string
  type: SnsMessageType
  /** The event record's eventType, for a Notification of a delivery event. */
  eventType: string | null
  /** The Pinpoint MessageId the event is about. */
  messageId: string | null
  subscriptionArn: string
  endpoint: string
  state: DeliveryState
  attempts: number
  /** HTTP status of each attempt; null where the request failed without one. */
  statuses: (number | null)[]
  /** The last attempt's status. */
  status: number | null
  /** The last attempt's network error. */
  error: string | null
  queuedAt: string
  finishedAt: string | null
}

export interface DeliveryRequest {
  snsMessageId: string
  type: SnsMessageType
  eventType?: string
  messageId?: string
  subscriptionArn: string
  endpoint: string
  /** Deliveries with the same key reach the subscription one after another, in order. */
  orderKey: string
  body: string
  headers: Record<string, string>
}

interface Delivery {
  request: DeliveryRequest
  record: DeliveryRecord
  notBefore: number
  controller: AbortController
}

class DeliveryCancelled extends Error {}

/** Endpoint for log lines: no credentials, no query string (it may carry a secret). */
function endpointForLog(endpoint: string): string {
  const url = new URL(endpoint)
  return `${url.origin}${url.pathname}`
}

function describeError(error: unknown): string {
  const { code, name, message } = error as NodeJS.ErrnoException
  if (name === 'TimeoutError') return 'timed out'
  return code ?? message ?? String(error)
}

/**
 * Delivers SNS messages to HTTP/S endpoints like SNS does: POST, 2xx is
 * success, a 4xx a refusal, and a 5xx, a timeout or a network error is
 * retried with the same MessageId. Runs apart from the API: a slow or dead endpoint only fills a
 * bounded queue.
 */
export class SnsPublisher {
  private readonly options: DeliveryOptions
  private readonly pending: Delivery[] = []
  private readonly running = new Set<Delivery>()
  private readonly busyKeys = new Set<string>()
  private readonly runningBySubscription = new Map<string, number>()
  private readonly history: DeliveryRecord[] = []
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  }
  private wakeTimer: NodeJS.Timeout | undefined
  private stopped = false

  constructor(
    options: Partial<DeliveryOptions>,
    private readonly log: (line: string) => void
  ) {
    this.options = { ...DEFAULT_DELIVERY_OPTIONS, ...options }
    for (const [name, value] of Object.entries(this.options)) {
      const min = name === 'retryDelayMs' ? 0 : 1
      if (!Number.isInteger(value) || value < min) {
        throw new RangeError(
          `delivery option ${name} must be an integer of at least ${min}, got ${value}`
        )
      }
    }
  }

  enqueue(request: DeliveryRequest): DeliveryRecord {
    const record: DeliveryRecord = {
      snsMessageId: request.snsMessageId,
      type: request.type,
      eventType: request.eventType ?? null,
      messageId: request.messageId ?? null,
      subscriptionArn: request.subscriptionArn,
      endpoint: request.endpoint,
      state: 'pending',
      attempts: 0,
      statuses: [],
      status: null,
      error: null,
      queuedAt: new Date().toISOString(),
      finishedAt: null,
    }
    if (this.stopped) {
      this.finish(record, 'cancelled')
      return record
    }
    this.history.push(record)
    if (this.history.length > this.options.maxRecords) this.history.shift()
    if (this.pending.length >= this.options.maxPending) {
      const dropped = this.pending.shift()!
      this.finish(dropped.record, 'dropped')
      this.log(
        `sns: more than ${this.options.maxPending} deliveries waiting; dropped the oldest, ` +
          `${dropped.record.type} ${dropped.record.snsMessageId}${dropped.record.eventType ? ` (${dropped.record.eventType})` : ''} ` +
          `to ${endpointForLog(dropped.record.endpoint)}`
      )
    }
    this.pending.push({
      request,
      record,
      notBefore: 0,
      controller: new AbortController(),
    })
    this.pump()
    return record
  }

  /** Forgets the subscription's waiting deliveries and aborts its requests in flight. */
  cancelSubscription(subscriptionArn: string): void {
    this.cancelWhere(
      (delivery) => delivery.request.subscriptionArn === subscriptionArn
    )
  }

  records(): DeliveryRecord[] {
    return this.history.map((record) => structuredClone(record))
  }

  counts(): { pending: number; inFlight: number } {
    return { pending: this.pending.length, inFlight: this.running.size }
  }

  /** Cancels everything and forgets the history. */
  reset(): void {
    this.cancelWhere(() => true)
    this.history.length = 0
  }

  stop(): void {
    this.stopped = true
    this.cancelWhere(() => true)
    clearTimeout(this.wakeTimer)
    for (const agent of Object.values(this.agents)) agent.destroy()
  }

  private cancelWhere(matches: (delivery: Delivery) => boolean): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const delivery = this.pending[i]!
      if (!matches(delivery)) continue
      this.pending.splice(i, 1)
      this.finish(delivery.record, 'cancelled')
    }
    for (const delivery of this.running) {
      if (matches(delivery))
        delivery.controller.abort(new DeliveryCancelled('cancelled'))
    }
  }

  private finish(record: DeliveryRecord, state: DeliveryState): void {
    record.state = state
    record.finishedAt = new Date().toISOString()
  }

  /** Starts every delivery that may start: due, first of its order key, its subscription below its concurrency. */
  private pump(): void {
    if (this.stopped) return
    clearTimeout(this.wakeTimer)
    this.wakeTimer = undefined
    const now = Date.now()
    const blockedKeys = new Set<string>()
    let wakeAt = Infinity
    for (let i = 0; i < this.pending.length; ) {
      const delivery = this.pending[i]!
      const { orderKey, subscriptionArn } = delivery.request
      const key = `${subscriptionArn} ${orderKey}`
      const blocked =
        blockedKeys.has(key) ||
        this.busyKeys.has(key) ||
        (this.runningBySubscription.get(subscriptionArn) ?? 0) >=
          this.options.concurrencyPerSubscription
      if (blocked || delivery.notBefore > now) {
        if (!blocked) wakeAt = Math.min(wakeAt, delivery.notBefore)
        blockedKeys.add(key)
        i++
        continue
      }
      this.pending.splice(i, 1)
      void this.attempt(delivery, key)
    }
    if (wakeAt !== Infinity) {
      this.wakeTimer = setTimeout(() => this.pump(), wakeAt - now)
    }
  }

  private async attempt(delivery: Delivery, key: string): Promise<void> {
    const { request, record } = delivery
    const subscription = request.subscriptionArn
    this.running.add(delivery)
    this.busyKeys.add(key)
    this.runningBySubscription.set(
      subscription,
      (this.runningBySubscription.get(subscription) ?? 0) + 1
    )
    record.attempts++
    let retry = false
    try {
      const status = await this.post(delivery)
      record.statuses.push(status)
      record.status = status
      record.error = null
      if (status >= 200 && status < 300) this.finish(record, 'delivered')
      // Like SNS: a 4xx is the endpoint refusing the message, not retried.
      else if (status < 500) this.finish(record, 'failed')
      else retry = true
    } catch (error) {
      if (delivery.controller.signal.aborted) {
        this.finish(record, 'cancelled')
      } else {
        record.statuses.push(null)
        record.status = null
        record.error = describeError(error)
        retry = true
      }
    } finally {
      this.running.delete(delivery)
      this.busyKeys.delete(key)
      this.runningBySubscription.set(
        subscription,
        (this.runningBySubscription.get(subscription) ?? 1) - 1
      )
    }
    const outcome = record.error ?? `HTTP ${record.status}`
    if (retry && record.attempts < this.options.maxAttempts && !this.stopped) {
      const wait = this.options.retryDelayMs * 2 ** (record.attempts - 1)
      record.state = 'retrying'
      // At the front, so the message's later deliveries keep waiting behind it.
      delivery.notBefore = Date.now() + wait
      this.pending.unshift(delivery)
      this.log(
        `sns: ${record.type} ${record.snsMessageId} to ${endpointForLog(record.endpoint)}: ${outcome} on attempt ${record.attempts}; retrying in ${wait} ms`
      )
    } else if (retry) {
      this.finish(record, 'failed')
      this.log(
        `sns: ${record.type} ${record.snsMessageId} to ${endpointForLog(record.endpoint)}: ${outcome}; gave up after ${record.attempts} attempts`
      )
    } else if (record.state === 'delivered') {
      this.log(
        `sns: ${record.type} ${record.snsMessageId}${record.eventType ? ` (${record.eventType})` : ''} delivered to ${endpointForLog(record.endpoint)}, HTTP ${record.status}, attempt ${record.attempts}`
      )
    }
    this.pump()
  }

  private post(delivery: Delivery): Promise<number> {
    const url = new URL(delivery.request.endpoint)
    const body = Buffer.from(delivery.request.body, 'utf8')
    const signal = AbortSignal.any([
      delivery.controller.signal,
      AbortSignal.timeout(this.options.timeoutMs),
    ])
    const transport = url.protocol === 'https:' ? https : http
    return new Promise<number>((resolve, reject) => {
      const req = transport.request(
        url,
        {
          method: 'POST',
          headers: {
            ...delivery.request.headers,
            'Content-Length': body.length,
          },
          agent: this.agents[url.protocol as 'http:' | 'https:'],
          signal,
        },
        (res) => {
          // Only the status matters; drain the body so the socket is reused.
          res.resume()
          res.on('error', () => {})
          resolve(res.statusCode ?? 0)
        }
      )
      req.on('error', (error) =>
        reject(signal.aborted ? (signal.reason ?? error) : error)
      )
      req.end(body)
    })
  }
}
