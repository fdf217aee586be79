import type { IncomingMessage, ServerResponse } from 'node:http'

export class BodyTooLargeError extends Error {}

export async function readBody(
  req: IncomingMessage,
  limitBytes: number
): Promise<Buffer> {
  const parts: Buffer[] = []
  let total = 0
  for await (const part of req) {
    total += (part as Buffer).length
    if (total > limitBytes)
      throw new BodyTooLargeError(`request body exceeds ${limitBytes} bytes`)
    parts.push(part as Buffer)
  }
  return Buffer.concat(parts)
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string | number> = {}
): void {
  if (res.headersSent || res.destroyed) return
  const payload = typeof body === 'string' ? Buffer.from(body) : body
  res.writeHead(status, { 'Content-Length': payload.length, ...headers })
  res.end(payload)
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {}
): void {
  send(res, status, `${JSON.stringify(value, null, 2)}\n`, {
    'Content-Type': 'application/json; charset=utf-8',
    ...headers,
  })
}

/** Errors of the sandbox's own control API: `{ "error": "..." }`. */
export function sendControlError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {}
): void {
  sendJson(res, status, { error: message }, headers)
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
