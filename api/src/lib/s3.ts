import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { formatS3Uri, normaliseContentType, type S3Location } from '@mms/rules'
import { NodeHttpHandler } from '@smithy/node-http-handler'

import { mmsConfig } from './config'
import { MediaLookupCache } from './mediaLookupCache'

/**
 * The S3 client, on the SDK's standard credential chain and endpoint settings
 * (AWS_ENDPOINT_URL_S3). S3_FORCE_PATH_STYLE=true is for S3-compatible
 * servers that do not serve bucket subdomains.
 */
export const createS3Client = (region: string) =>
  new S3Client({
    region,
    forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true',
    // With the default (WHEN_SUPPORTED) a presigned PUT URL carries the CRC32
    // of an empty body, and every upload through it is refused.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
      throwOnRequestTimeout: true,
    }),
  })

let client: S3Client | undefined
export const s3 = (): S3Client => {
  client ??= createS3Client(mmsConfig().region)
  return client
}

export interface MediaObject {
  contentType: string
  sizeBytes: number
}

export type MediaLookup =
  | { found: true; object: MediaObject }
  | { found: false; reason: 'NOT_FOUND' | 'FORBIDDEN' }

/** The S3 check itself failed (network, credentials): says nothing about the media. */
export class MediaCheckUnavailableError extends Error {
  constructor(location: S3Location, options: { cause: unknown }) {
    super(`Could not check ${formatS3Uri(location)} in S3`, options)
    this.name = 'MediaCheckUnavailableError'
  }
}

const foundObjects = new MediaLookupCache<MediaLookup>()

/**
 * Reads a media object's type and size without downloading it, or reuses
 * what S3 said about it moments ago (mediaLookupCache.ts).
 */
export const lookUpMediaObject = async (
  location: S3Location,
  client: S3Client = s3(),
  cache: MediaLookupCache<MediaLookup> = foundObjects
): Promise<MediaLookup> => {
  const cached = cache.get(location)
  if (cached) {
    return cached
  }
  try {
    const head = await client.send(
      new HeadObjectCommand({ Bucket: location.bucket, Key: location.key })
    )
    const found: MediaLookup = {
      found: true,
      object: {
        contentType: normaliseContentType(head.ContentType),
        sizeBytes: head.ContentLength ?? 0,
      },
    }
    cache.remember(location, found)
    return found
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } })
      ?.$metadata?.httpStatusCode
    if (status === 404) {
      return { found: false, reason: 'NOT_FOUND' }
    }
    if (status === 403) {
      return { found: false, reason: 'FORBIDDEN' }
    }
    throw new MediaCheckUnavailableError(location, { cause: error })
  }
}

export const PRESIGNED_URL_TTL_SECONDS = 300

/**
 * A URL the browser can PUT one file to. Content type and length are signed,
 * so the upload must be exactly what was declared and checked.
 */
export const presignUpload = async (
  location: S3Location,
  contentType: string,
  sizeBytes: number,
  client: S3Client = s3()
) => ({
  url: await getSignedUrl(
    client,
    new PutObjectCommand({
      Bucket: location.bucket,
      Key: location.key,
      ContentType: contentType,
      ContentLength: sizeBytes,
    }),
    {
      expiresIn: PRESIGNED_URL_TTL_SECONDS,
      signableHeaders: new Set(['content-type', 'content-length']),
    }
  ),
  headers: { 'Content-Type': contentType },
  expiresAt: new Date(Date.now() + PRESIGNED_URL_TTL_SECONDS * 1000),
})

/** A short-lived URL to show a media file in the browser. */
export const presignDownload = (
  location: S3Location,
  client: S3Client = s3()
) =>
  getSignedUrl(
    client,
    new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
    { expiresIn: PRESIGNED_URL_TTL_SECONDS }
  )
