import { randomBytes, randomUUID } from 'node:crypto'
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo, Server } from 'node:net'

import { simpleParser } from 'mailparser'
import {
  SMTPServer,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from 'smtp-server'

// Nothing from the S3 or Pinpoint modules: the api's tests load this file
// in-process (through Babel, as CommonJS).
import { send, sendControlError, sendJson } from '../http/http-utils.ts'

import { mailSummary, renderMailList, renderMailPage } from './mail-page.ts'
import {
  DEFAULT_MAX_MESSAGES,
  MailStore,
  type CaughtMail,
} from './mail-store.ts'

export type { CaughtMail } from './mail-store.ts'

export const DEFAULT_MAIL_HOST = '127.0.0.1'
export const DEFAULT_SMTP_PORT = 1025
export const DEFAULT_MAIL_PORT = 8025
export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024

export interface MailCatcherOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** SMTP port; 0 picks a free one. Default 1025. */
  smtpPort?: number
  /** Port of the mail page and its JSON; 0 picks a free one. Default 8025. */
  httpPort?: number
  /** Oldest messages are dropped past this many. Default 500. */
  maxMessages?: number
  /** Larger messages are refused with SMTP 552. Default 10 MiB. */
  maxMessageBytes?: number
  /** Receives one line per message (id and recipient count, never addresses or content). Default: silent. */
  log?: (line: string) => void
}

export interface MailCatcher {
  /** The host both servers listen on, e.g. 127.0.0.1. */
  host: string
  smtpPort: number
  /** The mail page, e.g. http://127.0.0.1:8025 */
  url: string
  httpPort: number
  /** Newest first. */
  messages(): CaughtMail[]
  clear(): void
  stop(): Promise<void>
}

function urlHost(address: AddressInfo): string {
  return address.family === 'IPv6' ? `[${address.address}]` : address.address
}

class MessageTooLargeError extends Error {
  readonly responseCode = 552
}

/** A page on another origin may read nothing and change nothing here: only GET and HEAD pass. */
function isCrossOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (!origin) return false
  try {
    return new URL(origin).host !== req.headers.host
  } catch {
    return true
  }
}

/**
 * A local SMTP server that accepts every message (any sender, any recipient,
 * any login) and keeps it in memory, with a page and JSON to read it.
 * No STARTTLS: it listens on loopback, and smtp-server's built-in test
 * certificate would only make clients fail their certificate check.
 */
export async function startMailCatcher(
  options: MailCatcherOptions = {}
): Promise<MailCatcher> {
  const {
    host = DEFAULT_MAIL_HOST,
    smtpPort = DEFAULT_SMTP_PORT,
    httpPort = DEFAULT_MAIL_PORT,
    maxMessages = DEFAULT_MAX_MESSAGES,
    maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES,
    log = () => {},
  } = options
  const store = new MailStore(maxMessages)

  const receive = async (
    stream: SMTPServerDataStream,
    session: SMTPServerSession
  ): Promise<void> => {
    const parsed = await simpleParser(stream)
    if (stream.sizeExceeded) {
      throw new MessageTooLargeError(
        `message exceeds the ${maxMessageBytes}-byte limit`
      )
    }
    const envelopeFrom = session.envelope.mailFrom
    const message: CaughtMail = {
      id: randomUUID(),
      from:
        parsed.from?.value
          .map(({ name, address }) =>
            name ? `${name} <${address ?? ''}>` : (address ?? '')
          )
          .join(', ') || (envelopeFrom ? envelopeFrom.address : ''),
      to: session.envelope.rcptTo.map((recipient) => recipient.address),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : null,
      receivedAt: new Date().toISOString(),
    }
    store.add(message)
    log(
      `mail ${message.id}: accepted for ${message.to.length} recipient${message.to.length === 1 ? '' : 's'}`
    )
  }

  const smtp = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    size: maxMessageBytes,
    banner: 'MMS sandbox mail catcher: accepts everything, delivers nothing',
    logger: false,
    closeTimeout: 2000,
    onAuth: (auth, _session, callback) =>
      callback(null, { user: auth.username ?? 'sandbox' }),
    onData: (stream, session, callback) => {
      receive(stream, session).then(
        () => callback(),
        (error: unknown) => {
          // Drain what is left so the client gets the answer.
          stream.resume()
          callback(
            error instanceof Error
              ? error
              : new Error('the mail catcher could not read the message')
          )
        }
      )
    },
  })
  // Client sockets that reset mid-session surface here; they must not stop the catcher.
  smtp.on('error', (error: Error) => log(`mail: SMTP error: ${error.message}`))

  const routes = new Map<
    string,
    Partial<
      Record<
        string,
        (req: IncomingMessage, res: ServerResponse, url: URL) => void
      >
    >
  >()
  routes.set('/', {
    GET: (_req, res, url) => {
      const messages = store.list()
      if (url.searchParams.get('partial') === '1') {
        if (url.searchParams.get('since') === String(store.version)) {
          res.writeHead(204, { 'Cache-Control': 'no-store' }).end()
          return
        }
        send(res, 200, renderMailList({ messages }), {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
          'X-Mail-Version': String(store.version),
          'X-Mail-Summary': mailSummary(messages),
        })
        return
      }
      const nonce = randomBytes(16).toString('base64')
      send(
        res,
        200,
        renderMailPage({ messages, version: store.version }, nonce),
        {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
          'Content-Security-Policy':
            `default-src 'none'; connect-src 'self'; style-src 'nonce-${nonce}'; ` +
            `script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`,
          'X-Content-Type-Options': 'nosniff',
        }
      )
    },
  })
  routes.set('/_mail/messages.json', {
    GET: (_req, res) =>
      sendJson(res, 200, store.list(), { 'Cache-Control': 'no-store' }),
  })
  routes.set('/_mail/messages', {
    DELETE: (_req, res) => sendJson(res, 200, { deleted: store.clear() }),
  })
  routes.set('/_mail/health', {
    GET: (_req, res) => sendJson(res, 200, { status: 'ok' }),
  })
  routes.set('/favicon.ico', {
    GET: (_req, res) => void res.writeHead(204).end(),
  })

  const MESSAGE_HTML = /^\/_mail\/messages\/([0-9a-f-]{36})\.html$/

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://mail.invalid')
    const htmlPart = MESSAGE_HTML.exec(url.pathname)
    if (htmlPart) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendControlError(
          res,
          405,
          `${req.method} is not allowed on ${url.pathname}`,
          {
            Allow: 'GET, HEAD',
          }
        )
      }
      const message = store.get(htmlPart[1]!)
      if (!message?.html) {
        return sendControlError(
          res,
          404,
          'no such message, or it has no HTML part'
        )
      }
      // The message's own HTML, in a sandbox: no scripts, no same-origin
      // access to the catcher, nothing fetched from elsewhere.
      return send(res, 200, message.html, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy':
          "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        'X-Content-Type-Options': 'nosniff',
      })
    }
    const route = routes.get(url.pathname)
    if (!route) {
      return sendControlError(
        res,
        404,
        `not found: ${req.method} ${url.pathname}`
      )
    }
    const handler = route[req.method ?? '']
    if (!handler) {
      const allowed = Object.keys(route).join(', ')
      return sendControlError(
        res,
        405,
        `${req.method} is not allowed on ${url.pathname} (allowed: ${allowed})`,
        { Allow: allowed }
      )
    }
    if (req.method !== 'GET' && req.method !== 'HEAD' && isCrossOrigin(req)) {
      return sendControlError(
        res,
        403,
        'cross-origin requests may not change the mail catcher'
      )
    }
    return handler(req, res, url)
  }

  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(
        `mail: unexpected error on ${req.method} ${req.url}: ${String(error)}`
      )
      sendControlError(
        res,
        500,
        'the mail catcher failed unexpectedly; see its log'
      )
    })
  })

  const smtpAddress = await listen(smtp.server, smtpPort, host, (listener) =>
    smtp.listen(smtpPort, host, listener)
  )
  let httpAddress: AddressInfo
  try {
    httpAddress = await listen(http, httpPort, host, (listener) =>
      http.listen(httpPort, host, listener)
    )
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(resolve))
    throw error
  }

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= Promise.all([
      new Promise<void>((resolve) => smtp.close(resolve)),
      new Promise<void>((resolve, reject) => {
        http.close((error) => (error ? reject(error) : resolve()))
        http.closeAllConnections()
      }),
    ]).then(() => undefined)
    return stopping
  }

  return {
    host: smtpAddress.address,
    smtpPort: smtpAddress.port,
    url: `http://${urlHost(httpAddress)}:${httpAddress.port}`,
    httpPort: httpAddress.port,
    messages: () => store.list(),
    clear: () => void store.clear(),
    stop,
  }
}

/** Starts listening; rejects with a message naming the port when it is taken. */
function listen(
  server: Server,
  port: number,
  host: string,
  start: (listener: () => void) => void
): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} on ${host} is already in use`, {
              cause: error,
            })
          : error
      )
    }
    server.once('error', onError)
    start(() => {
      server.off('error', onError)
      resolve(server.address() as AddressInfo)
    })
  })
}
