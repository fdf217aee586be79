import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3'

import { parseS3Uri } from '../s3/s3-uri.ts'

import { apiErrors } from './api-errors.ts'
import { MEDIA_SIZE_LIMITS, normalizeContentType } from './media-types.ts'

export interface MediaInfo {
  uri: string
  contentType: string
  size: number
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(2)} MB`
    : `${Math.ceil(bytes / 1024)} KB`
}

function inaccessible(uri: string, detail: string) {
  return apiErrors.validation(
    'RESOURCE_NOT_ACCESSIBLE',
    `The media file ${uri} is not accessible: ${detail}`,
    [{ Name: 'MediaUrls', Message: `Media file is not accessible: ${detail}` }]
  )
}

/**
 * Reads the media object's metadata from S3, as the service does with the
 * account's permissions, and applies the type and size rules.
 */
export async function checkMedia(
  s3: S3Client,
  s3Endpoint: string,
  uri: string
): Promise<MediaInfo> {
  const ref = parseS3Uri(uri)
  if (!ref) throw inaccessible(uri, 'not an s3://bucket/key URI')

  let head
  try {
    head = await s3.send(
      new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key })
    )
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } })
      .$metadata?.httpStatusCode
    if (status === 404) throw inaccessible(uri, 'no such bucket or object')
    if (status === 403) throw inaccessible(uri, 'access denied')
    throw inaccessible(
      uri,
      `the local S3 at ${s3Endpoint} could not be read (${(error as Error).message})`
    )
  }

  const contentType = normalizeContentType(head.ContentType)
  const limit = contentType ? MEDIA_SIZE_LIMITS.get(contentType) : undefined
  if (!contentType || limit === undefined) {
    throw apiErrors.validation(
      'MEDIA_TYPE_NOT_SUPPORTED',
      `The media type ${contentType ?? '(none)'} of ${uri} is not supported for MMS.`,
      [
        {
          Name: 'MediaUrls',
          Message: `Unsupported media type ${contentType ?? '(none)'}`,
        },
      ]
    )
  }
  const size = head.ContentLength ?? 0
  if (size > limit) {
    throw apiErrors.validation(
      'MAXIMUM_SIZE_EXCEEDED',
      `The media file ${uri} is ${formatBytes(size)}; the limit for ${contentType} is ${formatBytes(limit)}.`,
      [
        {
          Name: 'MediaUrls',
          Message: `Media file exceeds the ${formatBytes(limit)} limit for ${contentType}`,
        },
      ]
    )
  }
  return { uri, contentType, size }
}
