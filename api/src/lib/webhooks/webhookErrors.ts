import type { WebhookErrorCode } from 'types/graphql'

/**
 * The SDL's WebhookErrorCode enum is the one definition; this gives the api
 * its runtime values and fails the type check if the two ever differ. A
 * delivery records one of these, never the text of a network error.
 */
export const WEBHOOK_ERROR = {
  TIMEOUT: 'TIMEOUT',
  CONNECTION_FAILED: 'CONNECTION_FAILED',
  DNS_FAILED: 'DNS_FAILED',
  TLS_FAILED: 'TLS_FAILED',
  ADDRESS_REFUSED: 'ADDRESS_REFUSED',
  URL_REFUSED: 'URL_REFUSED',
  ENDPOINT_REMOVED: 'ENDPOINT_REMOVED',
  NO_SIGNING_SECRET: 'NO_SIGNING_SECRET',
} as const satisfies { [C in WebhookErrorCode]: C }

export type { WebhookErrorCode }

/** Codes after which retrying cannot help: the delivery fails at once. */
export const FINAL_WEBHOOK_ERRORS: readonly WebhookErrorCode[] = [
  'ADDRESS_REFUSED',
  'URL_REFUSED',
  'ENDPOINT_REMOVED',
  'NO_SIGNING_SECRET',
]
