import type { WebhookDeliveryState, WebhookErrorCode } from 'types/graphql'

/**
 * What a person reads for each WebhookErrorCode. Keyed by the SDL's enum, so
 * a code added to or removed from the api fails the type check here.
 */
export const WEBHOOK_ERROR_LABEL: { [C in WebhookErrorCode]: string } = {
  TIMEOUT: 'No answer in time',
  CONNECTION_FAILED: 'Connection failed',
  DNS_FAILED: 'Host not found',
  TLS_FAILED: 'TLS failed',
  ADDRESS_REFUSED: 'Private address refused',
  URL_REFUSED: 'URL refused',
  ENDPOINT_REMOVED: 'Webhook removed',
  NO_SIGNING_SECRET: 'No webhook secret to sign with',
}

export const WEBHOOK_STATE_LABEL: {
  [S in WebhookDeliveryState]: { label: string; tone: string }
} = {
  PENDING: { label: 'Retrying', tone: 'info' },
  DELIVERED: { label: 'Delivered', tone: 'success' },
  FAILED: { label: 'Failed', tone: 'error' },
}

/** One attempt as a person reads it: the HTTP status, or why none came. */
export const attemptResult = (attempt: {
  responseStatus?: number | null
  errorCode?: WebhookErrorCode | null
}) =>
  attempt.responseStatus != null
    ? String(attempt.responseStatus)
    : attempt.errorCode
      ? WEBHOOK_ERROR_LABEL[attempt.errorCode]
      : 'No answer'
