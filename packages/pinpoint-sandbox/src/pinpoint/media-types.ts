const MB = 1024 * 1024
const KB = 1024

/** Images AWS allows up to 2 MB. */
export const IMAGE_LIMIT_BYTES = 2 * MB
/** Every other supported type is limited to 600 KB. */
export const OTHER_LIMIT_BYTES = 600 * KB

/** Supported MMS media types and their size limits (AWS End User Messaging SMS user guide). */
export const MEDIA_SIZE_LIMITS: ReadonlyMap<string, number> = new Map([
  ['image/jpeg', IMAGE_LIMIT_BYTES],
  ['image/png', IMAGE_LIMIT_BYTES],
  ['image/gif', IMAGE_LIMIT_BYTES],
  ...[
    'image/tiff',
    'audio/3gpp',
    'video/3gpp',
    'audio/3gpp2',
    'video/3gpp2',
    'audio/amr',
    'audio/mp4',
    'video/mp4',
    'audio/mpeg',
    'audio/ogg',
    'video/quicktime',
    'video/webm',
    'text/calendar',
    'text/vcard',
    'text/x-vcard',
    'application/pdf',
  ].map((type) => [type, OTHER_LIMIT_BYTES] as const),
])

/** `image/PNG; charset=x` → `image/png` */
export function normalizeContentType(
  contentType: string | undefined
): string | undefined {
  const essence = contentType?.split(';', 1)[0]?.trim().toLowerCase()
  return essence || undefined
}
