import { createHmac, randomBytes } from 'node:crypto'

export const SIGNATURE_HEADER = 'X-MMS-Signature'
export const DELIVERY_ID_HEADER = 'X-MMS-Delivery-Id'

/** A new endpoint's signing secret. */
export const newWebhookSecret = () =>
  `whsec_${randomBytes(32).toString('base64url')}`

/** Hex HMAC-SHA256, keyed by the whole secret, of "<t>.<raw body>". */
export const signatureOf = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')

/**
 * `t=<unix seconds>,v1=<signature>`, the scheme Stripe's users know: the
 * timestamp is signed with the body, so a receiver can refuse a replay of an
 * old delivery.
 */
export const signatureHeader = (
  secret: string,
  body: string,
  nowMs: number
) => {
  const timestamp = Math.floor(nowMs / 1000)
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`
}
