/** One message as the catcher received it. */
export interface CaughtMail {
  id: string
  /** The From header as written, e.g. `MMS <no-reply@example.com>`; the envelope sender when there is none. */
  from: string
  /** Every address the message was delivered to (the SMTP envelope, so Bcc too). */
  to: string[]
  subject: string
  /** The text part ('' when the message has none). */
  text: string
  /** The HTML part, or null when the message has none. */
  html: string | null
  /** ISO 8601, UTC. */
  receivedAt: string
}

export const DEFAULT_MAX_MESSAGES = 500

/** Received mail, newest first, bounded so a runaway sender cannot fill memory. */
export class MailStore {
  private messages: CaughtMail[] = []
  private changeCount = 0

  constructor(readonly maxMessages = DEFAULT_MAX_MESSAGES) {
    if (!Number.isInteger(maxMessages) || maxMessages < 1) {
      throw new RangeError(
        `maxMessages must be a positive integer, got ${maxMessages}`
      )
    }
  }

  /** Changes with every add and clear; the page polls it. */
  get version(): number {
    return this.changeCount
  }

  add(message: CaughtMail): void {
    this.messages.unshift(message)
    this.messages.length = Math.min(this.messages.length, this.maxMessages)
    this.changeCount++
  }

  list(): CaughtMail[] {
    return this.messages.map((message) => structuredClone(message))
  }

  get(id: string): CaughtMail | undefined {
    return this.messages.find((message) => message.id === id)
  }

  /** Returns how many messages were deleted. */
  clear(): number {
    const count = this.messages.length
    this.messages = []
    this.changeCount++
    return count
  }
}
