import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'

import { checkWebhookUrl, type DestinationPolicy } from './destinationPolicy'
import {
  resolveDestination,
  systemResolver,
  type Resolver,
} from './resolveDestination'
import type { WebhookErrorCode } from './webhookErrors'

export interface WebhookPost {
  url: string
  body: string
  headers: Record<string, string>
}

export interface PostOptions {
  policy: DestinationPolicy
  timeoutMs: number
  resolve?: Resolver
}

export type PostResult =
  | { kind: 'ANSWERED'; status: number }
  | { kind: 'NOT_ANSWERED'; code: WebhookErrorCode }

/**
 * Connects to the address checked, not to whatever the name resolves to a
 * moment later: the socket's own lookup returns only this address, so DNS
 * rebinding between the check and the connection cannot move it.
 */
const pinnedLookup =
  (address: string, family: number): LookupFunction =>
  (_hostname, options, callback) => {
    if (options.all) {
      callback(null, [{ address, family }])
    } else {
      callback(null, address, family)
    }
  }

const TLS_ERROR =
  /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/

const codeOf = (error: unknown): WebhookErrorCode => {
  const code = String((error as { code?: unknown })?.code ?? '')
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'DNS_FAILED'
  if (TLS_ERROR.test(code)) return 'TLS_FAILED'
  return 'CONNECTION_FAILED'
}

// Enough of an answer's body to let the connection close cleanly; the body
// itself is never kept.
const MAX_BODY_BYTES = 64 * 1024

/**
 * POSTs one webhook: checks the URL, resolves and checks its host now, and
 * connects to that address with a deadline over the whole exchange. Redirects
 * are not followed (a 3xx is an answer that is not 2xx), so a receiver cannot
 * send the request on to an address that was never checked.
 */
export const postWebhook = async (
  post: WebhookPost,
  { policy, timeoutMs, resolve = systemResolver }: PostOptions
): Promise<PostResult> => {
  const checked = checkWebhookUrl(post.url, policy)
  if (checked.ok === false) {
    return { kind: 'NOT_ANSWERED', code: checked.code }
  }
  const { url } = checked
  const deadline = AbortSignal.timeout(timeoutMs)
  const timedOut = new Promise<PostResult>((resolve) =>
    deadline.addEventListener('abort', () =>
      resolve({ kind: 'NOT_ANSWERED', code: 'TIMEOUT' })
    )
  )

  const exchange = async (): Promise<PostResult> => {
    const destination = await resolveDestination(url, policy, resolve)
    if (destination.ok === false) {
      return { kind: 'NOT_ANSWERED', code: destination.code }
    }
    if (deadline.aborted) {
      return { kind: 'NOT_ANSWERED', code: 'TIMEOUT' }
    }
    const transport = url.protocol === 'https:' ? https : http
    return new Promise<PostResult>((resolve) => {
      const request = transport.request(url, {
        method: 'POST',
        headers: {
          ...post.headers,
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(post.body)),
        },
        lookup: pinnedLookup(destination.address, destination.family),
        // A fresh connection each time: a pooled socket could have been
        // opened to an address checked under another answer.
        agent: false,
        signal: deadline,
      })
      request.on('response', (response) => {
        let received = 0
        response.on('data', (chunk: Buffer) => {
          received += chunk.length
          if (received > MAX_BODY_BYTES) response.destroy()
        })
        response.on('close', () => request.destroy())
        resolve({ kind: 'ANSWERED', status: response.statusCode ?? 0 })
        response.resume()
      })
      request.on('error', (error) =>
        resolve({ kind: 'NOT_ANSWERED', code: codeOf(error) })
      )
      request.end(post.body)
    })
  }

  return Promise.race([exchange(), timedOut])
}
