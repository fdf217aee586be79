import type { MediaInfo } from './media-check.ts'

export type DeliveryStatus = 'DELIVERED' | 'FAILED' | 'DRY_RUN'

export interface InboxMessage {
  messageId: string
  /** ISO 8601 time the request was accepted. */
  receivedAt: string
  /** ISO 8601 time of the simulated final status. */
  statusAt: string
  originationIdentity: string
  /** As sent, in E.164 with a leading +. */
  destinationPhoneNumber: string
  messageBody: string | null
  mediaUrls: string[]
  /** Type and size of each media object, as read from S3 at send time. */
  media: MediaInfo[]
  context: Record<string, string>
  configurationSetName: string | null
  timeToLive: number | null
  maxPrice: string | null
  protectConfigurationId: string | null
  messageFeedbackEnabled: boolean | null
  dryRun: boolean
  status: DeliveryStatus
  /** The final delivery event type AWS would report (null for a dry run). */
  eventType: 'MEDIA_DELIVERED' | 'MEDIA_UNREACHABLE' | null
  statusDescription: string
}

export class Inbox {
  private readonly messages: InboxMessage[] = []
  private changeCount = 0

  add(message: InboxMessage): void {
    this.messages.push(message)
    this.changeCount++
  }

  list(filter: { destination?: string } = {}): InboxMessage[] {
    return this.messages
      .filter(
        (message) =>
          !filter.destination ||
          message.destinationPhoneNumber === filter.destination
      )
      .map((message) => structuredClone(message))
  }

  clear(): void {
    this.messages.length = 0
    this.changeCount++
  }

  /** Changes whenever the inbox does; lets the inbox page poll cheaply. */
  get version(): number {
    return this.changeCount
  }
}
