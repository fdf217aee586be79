import { randomBytes, randomUUID } from 'node:crypto'

export type SubscriptionState = 'pending' | 'confirmed' | 'unsubscribed'

export interface Subscription {
  subscriptionArn: string
  /** http or https URL the messages are POSTed to. */
  endpoint: string
  protocol: 'http' | 'https'
  state: SubscriptionState
  /** Confirms the subscription through its SubscribeURL. */
  token: string
  createdAt: string
  confirmedAt: string | null
}

export class SubscriptionError extends Error {}

const MAX_ENDPOINT_LENGTH = 2048
export const MAX_SUBSCRIPTIONS = 50

/** An HTTP/S subscription endpoint, as the Subscribe call would accept it. */
export function parseEndpoint(value: unknown): URL {
  if (typeof value !== 'string' || value.length === 0) {
    throw new SubscriptionError(
      '"endpoint" must be an http or https URL, e.g. http://127.0.0.1:8911/deliveryEvents'
    )
  }
  if (value.length > MAX_ENDPOINT_LENGTH) {
    throw new SubscriptionError(
      `"endpoint" must be at most ${MAX_ENDPOINT_LENGTH} characters`
    )
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new SubscriptionError(`"endpoint" is not a URL: ${value}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SubscriptionError(
      `"endpoint" must use http or https, got ${url.protocol}`
    )
  }
  return url
}

/** The topic's HTTP/S subscriptions, one per endpoint. */
export class SubscriptionStore {
  private readonly byArn = new Map<string, Subscription>()

  constructor(private readonly topicArn: string) {}

  /**
   * The endpoint's subscription: a confirmed one stays as it is; otherwise it
   * is (again) pending and needs a SubscriptionConfirmation.
   */
  subscribe(endpoint: URL): {
    subscription: Subscription
    needsConfirmation: boolean
  } {
    const existing = [...this.byArn.values()].find(
      (subscription) => subscription.endpoint === endpoint.href
    )
    if (existing) {
      if (existing.state === 'confirmed')
        return { subscription: existing, needsConfirmation: false }
      existing.state = 'pending'
      return { subscription: existing, needsConfirmation: true }
    }
    if (this.byArn.size >= MAX_SUBSCRIPTIONS) {
      throw new SubscriptionError(
        `the topic has ${MAX_SUBSCRIPTIONS} subscriptions already; DELETE /_sns/subscriptions clears them`
      )
    }
    const subscription: Subscription = {
      subscriptionArn: `${this.topicArn}:${randomUUID()}`,
      endpoint: endpoint.href,
      protocol: endpoint.protocol === 'https:' ? 'https' : 'http',
      state: 'pending',
      token: randomBytes(64).toString('hex'),
      createdAt: new Date().toISOString(),
      confirmedAt: null,
    }
    this.byArn.set(subscription.subscriptionArn, subscription)
    return { subscription, needsConfirmation: true }
  }

  /** Confirms (or, after an unsubscribe, restores) the subscription the token belongs to. */
  confirm(token: string): Subscription | undefined {
    const subscription = [...this.byArn.values()].find(
      (candidate) => candidate.token === token
    )
    if (!subscription) return undefined
    if (subscription.state !== 'confirmed') {
      subscription.state = 'confirmed'
      subscription.confirmedAt = new Date().toISOString()
    }
    return subscription
  }

  unsubscribe(subscriptionArn: string): Subscription | undefined {
    const subscription = this.byArn.get(subscriptionArn)
    if (subscription) subscription.state = 'unsubscribed'
    return subscription
  }

  confirmed(): Subscription[] {
    return [...this.byArn.values()].filter(
      (subscription) => subscription.state === 'confirmed'
    )
  }

  /** Without tokens: only the endpoint's owner should be able to confirm. */
  list(): Omit<Subscription, 'token'>[] {
    return [...this.byArn.values()].map(({ token: _token, ...rest }) => ({
      ...rest,
    }))
  }

  clear(): Subscription[] {
    const removed = [...this.byArn.values()]
    this.byArn.clear()
    return removed
  }
}
