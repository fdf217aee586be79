/**
 * The provider's MMS event types in words. The SDL keeps `MmsEvent.type` a
 * string, since AWS may add types; a type not listed here is shown as sent.
 */
const EVENT_TYPE_LABELS: Record<string, string> = {
  MEDIA_PENDING: 'Being sent to the carrier',
  MEDIA_QUEUED: 'Queued at AWS',
  MEDIA_SUCCESSFUL: 'Accepted by the carrier',
  MEDIA_DELIVERED: 'Delivered to the handset',
  MEDIA_INVALID: 'Destination number not valid',
  MEDIA_INVALID_MESSAGE: 'Message not valid',
  MEDIA_UNREACHABLE: 'Destination unreachable',
  MEDIA_CARRIER_UNREACHABLE: 'Carrier unreachable',
  MEDIA_BLOCKED: 'Destination number blocked',
  MEDIA_CARRIER_BLOCKED: 'Blocked by the carrier',
  MEDIA_SPAM: 'Flagged as spam by the carrier',
  MEDIA_UNKNOWN: 'Outcome unknown',
  MEDIA_TTL_EXPIRED: 'Expired before delivery',
  MEDIA_FILE_INACCESSIBLE: 'Media file not accessible',
  MEDIA_FILE_TYPE_UNSUPPORTED: 'Media file type not supported',
  MEDIA_FILE_SIZE_EXCEEDED: 'Media file too large',
}

export const eventTypeLabel = (type: string): string =>
  Object.hasOwn(EVENT_TYPE_LABELS, type) ? EVENT_TYPE_LABELS[type] : type
