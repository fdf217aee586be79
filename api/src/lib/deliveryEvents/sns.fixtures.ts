/**
 * Test support: SNS messages signed exactly as SNS signs them, with a test
 * RSA key, and a local HTTP server standing in for the sandbox and for SNS's
 * SubscribeURL.
 */
import { createSign, generateKeyPairSync } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import { Agent } from 'node:https'
import type { AddressInfo } from 'node:net'

export const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:mms-events'
export const OTHER_TOPIC_ARN = 'arn:aws:sns:us-east-1:210987654321:not-ours'
export const CERT_URL =
  'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem'

export interface KeyPair {
  publicKey: string
  privateKey: string
}

export const newKeyPair = (): KeyPair =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })

// The fields SNS signs, in the order it signs them (REFERENCE.md).
const SIGNED_FIELDS = {
  Notification: [
    'Message',
    'MessageId',
    'Subject',
    'Timestamp',
    'TopicArn',
    'Type',
  ],
  SubscriptionConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
  UnsubscribeConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
} as const

type Fields = Record<string, string>

/** `Key\nValue\n` for each signed field present; Subject only when given. */
export const stringToSign = (fields: Fields): string =>
  SIGNED_FIELDS[fields.Type as keyof typeof SIGNED_FIELDS]
    .filter((key) => fields[key] !== undefined)
    .map((key) => `${key}\n${fields[key]}\n`)
    .join('')

export interface SignOptions {
  privateKey: string
  /** '1': SHA1withRSA (the topic default), '2': SHA256withRSA. */
  version?: string
  certUrl?: string
}

export const sign = (
  fields: Fields,
  { privateKey, version = '1', certUrl = CERT_URL }: SignOptions
): Fields => {
  const algorithm = version === '2' ? 'RSA-SHA256' : 'RSA-SHA1'
  const signature = createSign(algorithm)
    .update(stringToSign(fields))
    .sign(privateKey, 'base64')
  return {
    ...fields,
    SignatureVersion: version,
    Signature: signature,
    SigningCertURL: certUrl,
  }
}

let sequence = 0
export const snsMessageId = () =>
  `5f0e1a2b-0000-4000-8000-${String(++sequence).padStart(12, '0')}`

export const notification = (
  record: Record<string, unknown>,
  {
    messageId = snsMessageId(),
    topicArn = TOPIC_ARN,
  }: { messageId?: string; topicArn?: string } = {}
): Fields => ({
  Type: 'Notification',
  MessageId: messageId,
  TopicArn: topicArn,
  Message: JSON.stringify(record),
  Timestamp: '2026-11-23T12:00:05.000Z',
  UnsubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}:abc`,
})

export const subscriptionMessage = ({
  type = 'SubscriptionConfirmation',
  subscribeUrl,
  topicArn = TOPIC_ARN,
}: {
  type?: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation'
  subscribeUrl: string
  topicArn?: string
}): Fields => ({
  Type: type,
  MessageId: snsMessageId(),
  Token: 'token-2336412f37',
  TopicArn: topicArn,
  Message: `You have chosen to subscribe to the topic ${topicArn}.`,
  SubscribeURL: subscribeUrl,
  Timestamp: '2026-11-23T12:00:00.000Z',
})

/** An MMS event record as AWS End User Messaging writes it. */
export const eventRecord = (
  overrides: Record<string, unknown> = {}
): Record<string, unknown> => ({
  eventType: 'MEDIA_DELIVERED',
  eventVersion: '1.0',
  eventTimestamp: 1_795_003_205_000,
  isFinal: true,
  originationPhoneNumber: '+18445550100',
  destinationPhoneNumber: '+12065550123',
  isoCountryCode: 'US',
  mcc: '310',
  mnc: '260',
  carrierName: 'T-Mobile',
  messageId: 'aws-sent-1',
  messageRequestTimestamp: 1_795_003_200_000,
  messageStatus: 'DELIVERED',
  messageStatusDescription: 'Message has been delivered to the handset',
  context: {},
  totalMessagePrice: 0.0225,
  totalCarrierFee: 0.003,
  ...overrides,
})

export interface LocalRequest {
  method: string
  url: string
}

export interface LocalServer {
  origin: string
  requests: LocalRequest[]
  close(): Promise<void>
}

type Route = (request: IncomingMessage) => { status: number; body: string }

/** A server on a free local port answering each path with its route (404 otherwise). */
export const startLocalServer = async (
  routes: Record<string, Route>
): Promise<LocalServer> => {
  const requests: LocalRequest[] = []
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '' })
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    const route = routes[path]
    const { status, body } = route
      ? route(request)
      : { status: 404, body: 'not found' }
    response.writeHead(status).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The local sandbox's answer at GET /_sns/signing-cert. */
export const signingCertRoute =
  (publicKey: string, certUrl = CERT_URL): Route =>
  () => ({
    status: 200,
    body: JSON.stringify({ signingCertUrl: certUrl, pem: publicKey }),
  })

/**
 * An https agent that never leaves the machine: each certificate the
 * validator tries to fetch is noted by host and fails as an unreachable host.
 */
export const offlineAgent = (): { agent: Agent; hostsAsked: string[] } => {
  const hostsAsked: string[] = []
  const agent = new Agent({
    lookup: ((
      hostname: string,
      _options: unknown,
      callback: (error: Error) => void
    ) => {
      hostsAsked.push(hostname)
      const error = Object.assign(
        new Error(`getaddrinfo ENOTFOUND ${hostname}`),
        {
          code: 'ENOTFOUND',
        }
      )
      callback(error)
    }) as never,
  })
  return { agent, hostsAsked }
}
