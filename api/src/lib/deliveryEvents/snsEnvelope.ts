/**
 * The SNS message an HTTPS subscription receives, as posted, before its
 * signature is checked. Every field the signature covers is a string: a body
 * where one is not is refused here, so the signature is always checked over
 * exactly the text the app goes on to read.
 */
interface SnsEnvelopeBase {
  MessageId: string
  TopicArn: string
  Message: string
  Timestamp: string
  SignatureVersion: string
  Signature: string
  SigningCertURL: string
}

export interface SnsNotification extends SnsEnvelopeBase {
  Type: 'Notification'
  Subject?: string
}

export interface SnsSubscriptionMessage extends SnsEnvelopeBase {
  Type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation'
  SubscribeURL: string
  Token: string
}

export type SnsEnvelope = SnsNotification | SnsSubscriptionMessage

export type SnsMessageType = SnsEnvelope['Type']

export const SNS_MESSAGE_TYPES: readonly SnsMessageType[] = [
  'Notification',
  'SubscriptionConfirmation',
  'UnsubscribeConfirmation',
]

const isMessageType = (value: unknown): value is SnsMessageType =>
  SNS_MESSAGE_TYPES.includes(value as SnsMessageType)

const COMMON_FIELDS = [
  'MessageId',
  'TopicArn',
  'Message',
  'Timestamp',
  'SignatureVersion',
  'Signature',
  'SigningCertURL',
] as const

const SUBSCRIPTION_FIELDS = ['SubscribeURL', 'Token'] as const

// SNS messages are at most 256 KiB, plus the envelope around them.
export const MAX_ENVELOPE_BYTES = 320 * 1024

export type EnvelopeResult =
  | { ok: true; envelope: SnsEnvelope }
  | { ok: false; problem: string }

/** Parses the posted body; the problem, when there is one, is safe to return. */
export const parseSnsEnvelope = (body: string): EnvelopeResult => {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return { ok: false, problem: 'The body is not JSON.' }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, problem: 'The body is not an SNS message.' }
  }
  const fields = parsed as Record<string, unknown>
  if (!isMessageType(fields.Type)) {
    return { ok: false, problem: 'Type is not an SNS message type.' }
  }
  const required: readonly string[] =
    fields.Type === 'Notification'
      ? COMMON_FIELDS
      : [...COMMON_FIELDS, ...SUBSCRIPTION_FIELDS]
  const missing = required.filter((name) => typeof fields[name] !== 'string')
  if (fields.Subject !== undefined && typeof fields.Subject !== 'string') {
    missing.push('Subject')
  }
  if (missing.length > 0) {
    return {
      ok: false,
      problem: `Missing or not text: ${missing.join(', ')}.`,
    }
  }
  return { ok: true, envelope: fields as unknown as SnsEnvelope }
}
