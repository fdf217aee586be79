import { SANDBOX_ACCOUNT_ID } from '../pinpoint/origination-identities.ts'

import {
  SnsPublisher,
  type DeliveryOptions,
  type DeliveryRecord,
} from './publisher.ts'
import {
  createSnsSigner,
  type SignatureVersion,
  type SnsSigner,
} from './signing.ts'
import {
  notification,
  snsRequestHeaders,
  subscriptionConfirmation,
  unsubscribeConfirmation,
  type Signing,
  type SnsMessage,
} from './sns-messages.ts'
import {
  parseEndpoint,
  SubscriptionStore,
  type Subscription,
} from './subscriptions.ts'

export const DEFAULT_TOPIC_NAME = 'mms-delivery-events'

const TOPIC_ARN =
  /^arn:aws(?:-[a-z]+)*:sns:([a-z]{2}(?:-[a-z]+)+-[0-9]+):([0-9]{12}):([A-Za-z0-9_-]{1,256})$/

export function defaultTopicArn(region: string): string {
  return `arn:aws:sns:${region}:${SANDBOX_ACCOUNT_ID}:${DEFAULT_TOPIC_NAME}`
}

/** The Region of a standard topic's ARN; throws RangeError for anything else. */
export function regionOfTopicArn(topicArn: string): string {
  const match = TOPIC_ARN.exec(topicArn)
  if (!match) {
    throw new RangeError(
      `the SNS topic ARN must look like arn:aws:sns:us-east-1:000000000000:mms-delivery-events, got ${JSON.stringify(topicArn)}`
    )
  }
  return match[1]!
}

/** An error SNS answers in its query API's XML form. */
export class SnsApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

export type SubscriptionView = Omit<Subscription, 'token'>

export interface SnsTopicOptions {
  topicArn: string
  signatureVersion: SignatureVersion
  /** The sandbox's own URL, for SubscribeURL and UnsubscribeURL (known once it listens). */
  baseUrl: () => string
  delivery?: Partial<DeliveryOptions>
  log: (line: string) => void
}

/** What the event's Notification is about, for ordering and for GET /_sns/deliveries.json. */
export interface PublishContext {
  /** Messages with the same key reach each subscription in publishing order. */
  orderKey: string
  eventType?: string
  messageId?: string
}

/**
 * One SNS topic with HTTP/S subscriptions: the confirmation handshake, and
 * signed messages delivered to every confirmed subscription.
 */
export class SnsTopic {
  readonly topicArn: string
  readonly signatureVersion: SignatureVersion
  private readonly store: SubscriptionStore
  private readonly publisher: SnsPublisher
  private readonly signing: Signing

  static async create(options: SnsTopicOptions): Promise<SnsTopic> {
    const signer = await createSnsSigner(regionOfTopicArn(options.topicArn))
    return new SnsTopic(options, signer)
  }

  private constructor(
    private readonly options: SnsTopicOptions,
    signer: SnsSigner
  ) {
    this.topicArn = options.topicArn
    this.signatureVersion = options.signatureVersion
    this.signing = { signer, version: options.signatureVersion }
    this.store = new SubscriptionStore(options.topicArn)
    this.publisher = new SnsPublisher(options.delivery ?? {}, options.log)
  }

  get signingCertUrl(): string {
    return this.signing.signer.signingCertUrl
  }

  get publicKeyPem(): string {
    return this.signing.signer.publicKeyPem
  }

  /** Subscribes an http(s) endpoint and sends it a SubscriptionConfirmation unless it is confirmed already. */
  subscribe(endpoint: unknown): {
    subscription: SubscriptionView
    confirmationSent: boolean
  } {
    const { subscription, needsConfirmation } = this.store.subscribe(
      parseEndpoint(endpoint)
    )
    if (needsConfirmation) {
      this.send(
        subscription,
        subscriptionConfirmation(
          this.topicArn,
          subscription.token,
          this.subscribeUrl(subscription.token),
          this.signing
        ),
        { orderKey: 'subscription' }
      )
    }
    return {
      subscription: viewOf(subscription),
      confirmationSent: needsConfirmation,
    }
  }

  /** GET SubscribeURL. */
  confirm(topicArn: string | null, token: string | null): SubscriptionView {
    if (!topicArn || !token) {
      throw new SnsApiError(
        400,
        'InvalidParameter',
        `Invalid parameter: ${!topicArn ? 'TopicArn' : 'Token'}`
      )
    }
    if (topicArn !== this.topicArn) {
      throw new SnsApiError(404, 'NotFound', 'Topic does not exist')
    }
    const subscription = this.store.confirm(token)
    if (!subscription) {
      throw new SnsApiError(400, 'InvalidParameter', 'Invalid token')
    }
    this.options.log(
      `sns: subscription ${subscription.subscriptionArn} confirmed`
    )
    return viewOf(subscription)
  }

  /** GET UnsubscribeURL: no more notifications, and an UnsubscribeConfirmation whose SubscribeURL restores it. */
  unsubscribe(subscriptionArn: string | null): SubscriptionView {
    if (!subscriptionArn) {
      throw new SnsApiError(
        400,
        'InvalidParameter',
        'Invalid parameter: SubscriptionArn'
      )
    }
    const subscription = this.store.unsubscribe(subscriptionArn)
    if (!subscription) {
      throw new SnsApiError(404, 'NotFound', 'Subscription does not exist')
    }
    this.publisher.cancelSubscription(subscriptionArn)
    this.send(
      subscription,
      unsubscribeConfirmation(
        this.topicArn,
        subscriptionArn,
        subscription.token,
        this.subscribeUrl(subscription.token),
        this.signing
      ),
      { orderKey: 'subscription' }
    )
    return viewOf(subscription)
  }

  /**
   * Publishes a Notification (no Subject) to every confirmed subscription.
   * Returns its MessageId, or undefined when nobody is subscribed.
   */
  publish(message: string, about: PublishContext): string | undefined {
    const subscriptions = this.store.confirmed()
    if (!subscriptions.length) return undefined
    const signed = notification(this.topicArn, message, this.signing)
    for (const subscription of subscriptions) {
      this.send(
        subscription,
        {
          ...signed,
          UnsubscribeURL: `${this.options.baseUrl()}/_sns/unsubscribe?SubscriptionArn=${encodeURIComponent(subscription.subscriptionArn)}`,
        },
        about
      )
    }
    return signed.MessageId
  }

  subscriptions(): SubscriptionView[] {
    return this.store.list()
  }

  /** Removes every subscription and cancels their deliveries; returns how many there were. */
  clearSubscriptions(): number {
    const removed = this.store.clear()
    for (const subscription of removed)
      this.publisher.cancelSubscription(subscription.subscriptionArn)
    return removed.length
  }

  deliveries(): {
    pending: number
    inFlight: number
    deliveries: DeliveryRecord[]
  } {
    return { ...this.publisher.counts(), deliveries: this.publisher.records() }
  }

  /** Back to the start-time state: no subscriptions, nothing queued, no history. */
  reset(): void {
    this.store.clear()
    this.publisher.reset()
  }

  stop(): void {
    this.publisher.stop()
  }

  private subscribeUrl(token: string): string {
    return `${this.options.baseUrl()}/_sns/confirm?TopicArn=${encodeURIComponent(this.topicArn)}&Token=${token}`
  }

  private send(
    subscription: Subscription,
    message: SnsMessage,
    about: PublishContext
  ): void {
    this.publisher.enqueue({
      snsMessageId: message.MessageId,
      type: message.Type,
      eventType: about.eventType,
      messageId: about.messageId,
      subscriptionArn: subscription.subscriptionArn,
      endpoint: subscription.endpoint,
      orderKey: about.orderKey,
      body: JSON.stringify(message, null, 2),
      headers: snsRequestHeaders(message, subscription.subscriptionArn),
    })
  }
}

function viewOf({ token: _token, ...view }: Subscription): SubscriptionView {
  return { ...view }
}
