import { useCallback, useRef } from 'react'

/**
 * A random UUID. `crypto.randomUUID` exists only in secure contexts (HTTPS or
 * localhost), so a page served over plain HTTP builds a version 4 UUID from
 * `getRandomValues`, which every browser has.
 */
export const newIdempotencyKey = (): string => {
  if (typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID()
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6] & 0x0f) | 0x40
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = Array.from(bytes, (byte) =>
    byte.toString(16).padStart(2, '0')
  ).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * One idempotency key per distinct request. Submitting the same content again
 * (a double click, a retry after a lost response) reuses the key, so the api
 * records and sends the message once; different content gets a new key.
 */
export const useIdempotencyKey = () => {
  const last = useRef<{ content: string; key: string }>()

  const keyFor = useCallback((content: string) => {
    if (last.current?.content !== content) {
      last.current = { content, key: newIdempotencyKey() }
    }
    return last.current.key
  }, [])

  /** After a send succeeded: the same content again is a new message. */
  const forget = useCallback(() => {
    last.current = undefined
  }, [])

  return { keyFor, forget }
}
