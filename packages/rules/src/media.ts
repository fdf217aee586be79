import type { RuleResult } from './ruleResult'

export const KB = 1024
export const MB = 1024 * KB

/** At most one media file per message: the service model's rule. */
export const MAX_MEDIA_FILES = 1

export const MEDIA_URI_MAX_LENGTH = 2048

export type MediaKind = 'image' | 'video' | 'audio' | 'document'

export interface MediaType {
  kind: MediaKind
  maxBytes: number
}

const image: MediaType = { kind: 'image', maxBytes: 2 * MB }
const other = (kind: MediaKind): MediaType => ({ kind, maxBytes: 600 * KB })

/** Content types MMS accepts, with each type's size limit (AWS user guide). */
export const MMS_MEDIA_TYPES: Readonly<Record<string, MediaType>> = {
  'image/jpeg': image,
  'image/png': image,
  'image/gif': image,
  'image/tiff': other('image'),
  'audio/3gpp': other('audio'),
  'video/3gpp': other('video'),
  'audio/3gpp2': other('audio'),
  'video/3gpp2': other('video'),
  'audio/amr': other('audio'),
  'audio/mp4': other('audio'),
  'video/mp4': other('video'),
  'audio/mpeg': other('audio'),
  'audio/ogg': other('audio'),
  'video/quicktime': other('video'),
  'video/webm': other('video'),
  'text/calendar': other('document'),
  'text/vcard': other('document'),
  'text/x-vcard': other('document'),
  'application/pdf': other('document'),
}

export const MMS_MEDIA_CONTENT_TYPES = Object.keys(MMS_MEDIA_TYPES)

/** `image/PNG; charset=binary` → `image/png`. */
export const normaliseContentType = (contentType: string | null | undefined) =>
  (contentType ?? '').split(';')[0].trim().toLowerCase()

export const formatBytes = (bytes: number): string => {
  if (bytes >= MB) {
    return `${+(bytes / MB).toFixed(2)} MB`
  }
  if (bytes >= KB) {
    return `${+(bytes / KB).toFixed(1)} KB`
  }
  return `${bytes} bytes`
}

/** Checks a file's declared type and size against the MMS table. */
export const checkMediaFile = (
  contentType: string | null | undefined,
  sizeBytes: number
): RuleResult<MediaType & { contentType: string }> => {
  const type = normaliseContentType(contentType)
  const rule = MMS_MEDIA_TYPES[type]
  if (!rule) {
    return {
      ok: false,
      message: type
        ? `${type} files cannot be sent by MMS. Use an image (JPEG, PNG, GIF), a video (MP4, 3GP, QuickTime, WebM), audio, a vCard, a calendar or a PDF.`
        : 'The file has no content type, so MMS cannot carry it.',
    }
  }
  if (!Number.isFinite(sizeBytes) || sizeBytes <= 0) {
    return { ok: false, message: 'The file is empty.' }
  }
  if (sizeBytes > rule.maxBytes) {
    // Rounded sizes can look equal just over the limit; then give bytes.
    const [size, limit] =
      formatBytes(sizeBytes) === formatBytes(rule.maxBytes)
        ? [
            `${sizeBytes} bytes`,
            `${rule.maxBytes} bytes (${formatBytes(rule.maxBytes)})`,
          ]
        : [formatBytes(sizeBytes), formatBytes(rule.maxBytes)]
    return {
      ok: false,
      message: `The file is ${size}; ${type} files may be at most ${limit}.`,
    }
  }
  return { ok: true, value: { ...rule, contentType: type } }
}

/** Bucket names as the API reference allows them in a media URI. */
export const S3_BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

const S3_URI_PATTERN = /^s3:\/\/([^/]+)\/(.+)$/

export interface S3Location {
  bucket: string
  key: string
}

export const formatS3Uri = ({ bucket, key }: S3Location) =>
  `s3://${bucket}/${key}`

/**
 * Parses `s3://bucket/key`. With `expectedBucket`, the bucket must be that one:
 * the service reads media with the app's own permissions, from its own bucket.
 */
export const checkMediaUri = (
  uri: string,
  expectedBucket?: string
): RuleResult<S3Location> => {
  if (uri.length === 0 || uri.length > MEDIA_URI_MAX_LENGTH) {
    return {
      ok: false,
      message: `A media URI must be 1 to ${MEDIA_URI_MAX_LENGTH} characters long.`,
    }
  }
  const match = S3_URI_PATTERN.exec(uri)
  if (!match) {
    return {
      ok: false,
      message: `"${uri}" is not an S3 URI; write it as s3://bucket/key.`,
    }
  }
  const [, bucket, key] = match
  if (!S3_BUCKET_PATTERN.test(bucket)) {
    return { ok: false, message: `"${bucket}" is not a valid S3 bucket name.` }
  }
  if (expectedBucket !== undefined && bucket !== expectedBucket) {
    return {
      ok: false,
      message: `Media must be in the bucket ${expectedBucket}, not ${bucket}.`,
    }
  }
  return { ok: true, value: { bucket, key } }
}
