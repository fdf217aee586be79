import { createVerify } from 'node:crypto'
import {
  createServer,
  type IncomingHttpHeaders,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'

/** An SNS message as posted to an HTTP/S subscriber (every member is a string). */
export type SnsMessage = Record<string, string>

export interface ReceivedSnsRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  /** The raw body, as a receiver must read it (SNS sends JSON as text/plain). */
  body: string
  message: SnsMessage
  /** What the receiver answered. */
  status: number
}

/** The receiver's answer: a status, or 'hang' to never answer. */
export type Respond = (
  request: Omit<ReceivedSnsRequest, 'status'>
) => number | 'hang' | Promise<number | 'hang'>

export interface SnsReceiver {
  url: string
  requests: ReceivedSnsRequest[]
  /** Notification bodies' Messages parsed as JSON, in arrival order, for answered (2xx) requests. */
  acceptedEvents(): Record<string, unknown>[]
  waitFor(
    predicate: (requests: ReceivedSnsRequest[]) => boolean,
    timeoutMs?: number
  ): Promise<void>
  close(): Promise<void>
}

const SNS_CERT_URL =
  /^https:\/\/sns\.[a-zA-Z0-9-]{3,}\.amazonaws\.com(\.cn)?\/SimpleNotificationService-[a-zA-Z0-9]{32}\.pem$/

/**
 * Verifies a message the way a receiver does: the certificate URL must have
 * AWS's shape, and the signature must match the string to sign built from the
 * message's members (Notification: Message, MessageId, Subject if present,
 * Timestamp, TopicArn, Type; confirmations: Message, MessageId, SubscribeURL,
 * Timestamp, Token, TopicArn, Type) under the key the URL names.
 */
export function verifySnsMessage(
  message: SnsMessage,
  keys: Map<string, string>
): boolean {
  if (!SNS_CERT_URL.test(message.SigningCertURL ?? '')) return false
  const pem = keys.get(message.SigningCertURL!)
  if (!pem) return false
  const signed =
    message.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : [
          'Message',
          'MessageId',
          'SubscribeURL',
          'Timestamp',
          'Token',
          'TopicArn',
          'Type',
        ]
  const stringToSign = signed
    .filter((key) => key in message)
    .map((key) => `${key}\n${message[key]}\n`)
    .join('')
  const algorithm =
    message.SignatureVersion === '1'
      ? 'sha1WithRSAEncryption'
      : message.SignatureVersion === '2'
        ? 'sha256WithRSAEncryption'
        : undefined
  if (!algorithm) return false
  return createVerify(algorithm)
    .update(stringToSign, 'utf8')
    .verify(pem, message.Signature ?? '', 'base64')
}

/** The sandbox's signing key, as the app preloads it: keyed by the SigningCertURL it stands for. */
export async function fetchSigningKeys(
  sandboxEndpoint: string
): Promise<Map<string, string>> {
  const { signingCertUrl, pem } = (await (
    await fetch(`${sandboxEndpoint}/_sns/signing-cert`)
  ).json()) as { signingCertUrl: string; pem: string }
  return new Map([[signingCertUrl, pem]])
}

/** A small HTTP server standing in for the app's delivery-events endpoint. */
export async function startSnsReceiver(
  respond: Respond = () => 200
): Promise<SnsReceiver> {
  const requests: ReceivedSnsRequest[] = []
  const hanging = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    const parts: Buffer[] = []
    req.on('data', (part: Buffer) => parts.push(part))
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(parts).toString('utf8')
        let message: SnsMessage = {}
        try {
          message = JSON.parse(body) as SnsMessage
        } catch {
          // Recorded with an empty message; the test sees the raw body.
        }
        const request = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body,
          message,
        }
        const answer = await respond(request)
        if (answer === 'hang') {
          hanging.add(res)
          requests.push({ ...request, status: 0 })
          return
        }
        requests.push({ ...request, status: answer })
        res.writeHead(answer).end()
      })()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/deliveryEvents`,
    requests,
    acceptedEvents: () =>
      requests
        .filter(
          (r) =>
            r.message.Type === 'Notification' &&
            r.status >= 200 &&
            r.status < 300
        )
        .map((r) => JSON.parse(r.message.Message!) as Record<string, unknown>),
    waitFor: async (predicate, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs
      while (!predicate(requests)) {
        if (Date.now() > deadline)
          throw new Error(
            `the receiver did not get what was expected in ${timeoutMs} ms; it got:\n${requests
              .map(
                (r) => `${r.message.Type} ${r.message.MessageId} -> ${r.status}`
              )
              .join('\n')}`
          )
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    },
    close: async () => {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Confirms a subscription the way the app does: GET the SubscribeURL of a verified SubscriptionConfirmation. */
export function confirmingReceiver(
  keys: () => Map<string, string>,
  then: Respond = () => 200
): Respond {
  return async (request) => {
    if (request.message.Type === 'SubscriptionConfirmation') {
      if (!verifySnsMessage(request.message, keys())) return 403
      const response = await fetch(request.message.SubscribeURL!)
      await response.text()
      return response.ok ? 200 : 500
    }
    return then(request)
  }
}
