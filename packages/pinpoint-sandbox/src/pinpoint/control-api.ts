import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

import {
  BodyTooLargeError,
  readBody,
  send,
  sendControlError,
  sendJson,
} from '../http/http-utils.ts'

import {
  FaultSettingsError,
  NO_FAULTS,
  parseFaultPatch,
  type FaultInjector,
  type FaultSettings,
} from './faults.ts'
import {
  inboxSummary,
  renderInboxContent,
  renderInboxPage,
} from './inbox-page.ts'
import type { Inbox, InboxMessage } from './inbox.ts'
import { LIMITS } from './send-media-message-request.ts'
import { toE164 } from './simulator-numbers.ts'
import type { SandboxStats } from './stats.ts'

const MAX_CONTROL_BODY_BYTES = 64 * 1024

export interface ControlState {
  inbox: Inbox
  faults: FaultInjector
  stats(): SandboxStats
  reset(): void
  config(): Record<string, unknown>
}

export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL
) => void | Promise<void>

/**
 * Rejects cross-site requests that change state: a page on another origin
 * could otherwise send a simple (non-preflighted) POST to the local sandbox.
 */
function isCrossOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (!origin) return false
  try {
    return new URL(origin).host !== req.headers.host
  } catch {
    return true
  }
}

function destinationFilter(url: URL): { value?: string; error?: string } {
  const raw = url.searchParams.get('destination')
  if (raw === null) return {}
  // A "+" left unencoded in a query string arrives as a space.
  const candidate = raw.trim()
  if (
    !new RegExp(`^(?:${LIMITS.destinationPhoneNumber.pattern})$`).test(
      candidate
    )
  ) {
    return {
      error:
        'query parameter "destination" must be a phone number in E.164 format, e.g. %2B14254147755',
    }
  }
  return { value: toE164(candidate) }
}

/** A JSON request body; 415 for another content type, 413 when too large, 400 when not JSON. */
export async function readJsonObject(req: IncomingMessage): Promise<unknown> {
  const contentType = req.headers['content-type'] ?? ''
  if (!/^application\/json\b/i.test(contentType)) {
    throw new ControlRequestError(415, 'Content-Type must be application/json')
  }
  let body: Buffer
  try {
    body = await readBody(req, MAX_CONTROL_BODY_BYTES)
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      throw new ControlRequestError(413, error.message)
    throw error
  }
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    throw new ControlRequestError(400, 'request body is not valid JSON')
  }
}

/** Answered as `{ "error": message }` with its status by runControlRoute. */
export class ControlRequestError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

function listMessages(
  inbox: Inbox,
  url: URL,
  res: ServerResponse
): InboxMessage[] | undefined {
  const filter = destinationFilter(url)
  if (filter.error) {
    sendControlError(res, 400, filter.error)
    return undefined
  }
  return inbox.list({ destination: filter.value })
}

/** Routes of the sandbox's own API (`/_sandbox/...`) and the inbox page. */
export function controlRoutes(
  state: ControlState
): Map<string, Partial<Record<string, Handler>>> {
  const { inbox, faults } = state
  const faultsResponse = (settings: FaultSettings) => ({ faults: settings })

  const routes = new Map<string, Partial<Record<string, Handler>>>()
  routes.set('/_sandbox/health', {
    GET: (_req, res) => sendJson(res, 200, { status: 'ok' }),
  })
  routes.set('/_sandbox/config', {
    GET: (_req, res) => sendJson(res, 200, state.config()),
  })
  routes.set('/_sandbox/stats', {
    GET: (_req, res) => sendJson(res, 200, state.stats()),
  })
  routes.set('/_sandbox/faults', {
    GET: (_req, res) => sendJson(res, 200, faultsResponse(faults.settings())),
    POST: async (req, res) => {
      const input = await readJsonObject(req)
      try {
        sendJson(
          res,
          200,
          faultsResponse(faults.update(parseFaultPatch(input)))
        )
      } catch (error) {
        if (error instanceof FaultSettingsError)
          return sendControlError(res, 400, error.message)
        throw error
      }
    },
    DELETE: (_req, res) =>
      sendJson(res, 200, faultsResponse(faults.update({ ...NO_FAULTS }))),
  })
  routes.set('/_sandbox/reset', {
    POST: (_req, res) => {
      state.reset()
      sendJson(res, 200, {
        reset: true,
        ...faultsResponse(faults.settings()),
        stats: state.stats(),
      })
    },
  })
  routes.set('/_sandbox/inbox.json', {
    GET: (_req, res, url) => {
      const messages = listMessages(inbox, url, res)
      if (messages)
        sendJson(res, 200, {
          version: inbox.version,
          count: messages.length,
          messages,
        })
    },
  })
  routes.set('/_sandbox/inbox', {
    DELETE: (_req, res) => {
      const count = inbox.list().length
      inbox.clear()
      sendJson(res, 200, { deleted: count })
    },
  })
  routes.set('/inbox', {
    GET: (_req, res, url) => {
      const messages = listMessages(inbox, url, res)
      if (!messages) return
      const destinationValue = destinationFilter(url).value
      const model = {
        messages,
        destinations: [
          ...new Set(inbox.list().map((m) => m.destinationPhoneNumber)),
        ],
        destinationFilter: destinationValue,
        version: inbox.version,
      }
      if (url.searchParams.get('partial') === '1') {
        if (url.searchParams.get('since') === String(inbox.version)) {
          res.writeHead(204, { 'Cache-Control': 'no-store' }).end()
          return
        }
        send(res, 200, renderInboxContent(model), {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
          'X-Inbox-Version': String(inbox.version),
          'X-Inbox-Summary': inboxSummary(messages),
        })
        return
      }
      const nonce = randomBytes(16).toString('base64')
      send(res, 200, renderInboxPage(model, nonce), {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy':
          `default-src 'none'; img-src 'self'; media-src 'self'; connect-src 'self'; ` +
          `style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`,
        'X-Content-Type-Options': 'nosniff',
      })
    },
  })
  // Browsers ask for it on every page load; answer without a 404 in the console.
  routes.set('/favicon.ico', {
    GET: (_req, res) => void res.writeHead(204).end(),
  })
  routes.set('/', {
    GET: (_req, res) => {
      res.writeHead(302, { Location: '/inbox' }).end()
    },
  })
  return routes
}

/** Runs a control route, turning bad input into a clear 4xx. */
export async function runControlRoute(
  handler: Handler,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD' && isCrossOrigin(req)) {
    return sendControlError(
      res,
      403,
      'cross-origin requests may not change the sandbox'
    )
  }
  try {
    await handler(req, res, url)
  } catch (error) {
    if (error instanceof ControlRequestError)
      return sendControlError(res, error.status, error.message)
    throw error
  }
}
