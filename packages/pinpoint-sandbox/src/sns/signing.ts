import { createHash, generateKeyPair, sign, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'

export const SIGNATURE_VERSIONS = ['1', '2'] as const
/** 1 = SHA1withRSA (a topic's default), 2 = SHA256withRSA. */
export type SignatureVersion = (typeof SIGNATURE_VERSIONS)[number]

export type SnsMessageType =
  | 'SubscriptionConfirmation'
  | 'Notification'
  | 'UnsubscribeConfirmation'

/** The members of an SNS message that its signature covers. */
export interface SignableMessage {
  Type: SnsMessageType
  MessageId: string
  TopicArn: string
  Message: string
  Timestamp: string
  Subject?: string
  SubscribeURL?: string
  Token?: string
}

const NOTIFICATION_KEYS = [
  'Message',
  'MessageId',
  'Subject',
  'Timestamp',
  'TopicArn',
  'Type',
] as const
const CONFIRMATION_KEYS = [
  'Message',
  'MessageId',
  'SubscribeURL',
  'Timestamp',
  'Token',
  'TopicArn',
  'Type',
] as const

/** `Key\nValue\n` for each signed member in SNS's order; absent members (Subject) are left out. */
export function stringToSign(message: SignableMessage): string {
  const keys =
    message.Type === 'Notification' ? NOTIFICATION_KEYS : CONFIRMATION_KEYS
  return keys
    .filter((key) => message[key] !== undefined)
    .map((key) => `${key}\n${message[key]}\n`)
    .join('')
}

export interface SnsSigner {
  /** Shaped like AWS's, so verifiers that only accept that shape take it. */
  signingCertUrl: string
  /** The public key (SPKI) in PEM; `crypto.verify` accepts it where a certificate would go. */
  publicKeyPem: string
  /** Base64 RSA signature of the message's string to sign. */
  sign(message: SignableMessage, version: SignatureVersion): string
}

/** A fresh RSA 2048 key pair, made once per sandbox start. */
export async function createSnsSigner(region: string): Promise<SnsSigner> {
  const { publicKey, privateKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
  })
  return snsSignerFor(region, publicKey, privateKey)
}

function snsSignerFor(
  region: string,
  publicKey: KeyObject,
  privateKey: KeyObject
): SnsSigner {
  const fingerprint = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 32)
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
  return {
    signingCertUrl: `https://sns.${region}.${domain}/SimpleNotificationService-${fingerprint}.pem`,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (message, version) =>
      sign(
        version === '1' ? 'sha1' : 'sha256',
        Buffer.from(stringToSign(message), 'utf8'),
        privateKey
      ).toString('base64'),
  }
}
