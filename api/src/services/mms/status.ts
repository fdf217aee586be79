/**
 * PENDING: recorded, not yet handed to the provider. SENDING: being handed
 * over. SENT: the provider accepted it (not yet delivered). FAILED: certainly
 * not sent. UNKNOWN: the provider may or may not have taken it.
 */
export const MMS_STATUS = {
  PENDING: 'PENDING',
  SENDING: 'SENDING',
  SENT: 'SENT',
  FAILED: 'FAILED',
  UNKNOWN: 'UNKNOWN',
} as const

export type MmsStatus = (typeof MMS_STATUS)[keyof typeof MMS_STATUS]
