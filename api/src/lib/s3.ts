import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { getSignedUrl, S3RequestPresigner } from '@aws-sdk/s3-request-presigner'
import { formatS3Uri, normaliseContentType, type S3Location } from '@mms/rules'
import { getEndpointFromInstructions } from '@smithy/core/endpoints'
import { buildQueryString, HttpRequest } from '@smithy/core/protocols'
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

interface DownloadSigning {
  /** Where GetObject sends a request for this bucket (the key is added to its path). */
  endpoint: URL
  /** The headers GetObject sends, signed into the link's query. */
  headers: Record<string, string>
  presigner: S3RequestPresigner
  signingRegion: string
  signingService?: string
}

/**
 * Per client and bucket, what getSignedUrl works out afresh for every link
 * by running a whole GetObject through the client's middleware: the
 * endpoint (virtual-hosted or path-style, custom endpoint), the headers, and
 * a presigner with the signing region and name. Null for what takes more than
 * that, which goes through getSignedUrl: S3 Express and multi-region access
 * points, and clients that add request checksums where they can (the SDK's
 * default; createS3Client adds them only where required).
 */
const downloadSigning = new WeakMap<
  S3Client,
  Map<string, Promise<DownloadSigning | null>>
>()

const resolveDownloadSigning = async (
  client: S3Client,
  bucket: string
): Promise<DownloadSigning | null> => {
  const { url, properties } = await getEndpointFromInstructions(
    { Bucket: bucket, Key: 'key' },
    GetObjectCommand,
    client.config
  )
  const scheme = (
    properties?.authSchemes as
      | { name?: string; signingRegion?: string; signingName?: string }[]
      | undefined
  )?.[0]
  if (
    (scheme && scheme.name !== 'sigv4') ||
    (await client.config.requestChecksumCalculation()) !== 'WHEN_REQUIRED'
  ) {
    return null
  }
  const signingRegion = scheme?.signingRegion ?? (await client.config.region())
  // A client that validates response checksums whenever it can (the SDK's
  // default) has GetObject ask S3 for the object's checksum.
  const checksums = await client.config.responseChecksumValidation()
  return {
    endpoint: url,
    headers:
      checksums === 'WHEN_SUPPORTED'
        ? { 'x-amz-checksum-mode': 'ENABLED' }
        : {},
    signingRegion,
    signingService: scheme?.signingName,
    presigner: new S3RequestPresigner({
      ...client.config,
      signingName: scheme?.signingName,
      region: async () => signingRegion,
    }),
  }
}

const signingFor = (client: S3Client, bucket: string) => {
  let buckets = downloadSigning.get(client)
  if (!buckets) {
    buckets = new Map()
    downloadSigning.set(client, buckets)
  }
  let signing = buckets.get(bucket)
  if (!signing) {
    signing = resolveDownloadSigning(client, bucket)
    buckets.set(bucket, signing)
    // A failure is not kept: the next link asks again.
    signing.catch(() => buckets.delete(bucket))
  }
  return signing
}

// As the SDK writes a greedy path label: each segment encoded, `/` kept.
const encodeKey = (key: string) =>
  key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
      )
    )
    .join('/')

/**
 * A short-lived URL to show a media file in the browser: a GET of the
 * bucket's endpoint and the key, presigned as getSignedUrl would presign it.
 * A history page asks for one per message, so the SDK's round of middleware
 * per link is left out (see downloadSigning).
 */
export const presignDownload = async (
  location: S3Location,
  client: S3Client = s3()
): Promise<string> => {
  const signing = await signingFor(client, location.bucket)
  if (!signing) {
    return getSignedUrl(
      client,
      new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
      { expiresIn: PRESIGNED_URL_TTL_SECONDS }
    )
  }
  const { endpoint, headers, presigner, signingRegion, signingService } =
    signing
  const signed = await presigner.presign(
    new HttpRequest({
      method: 'GET',
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port ? Number(endpoint.port) : undefined,
      path: `${endpoint.pathname.replace(/\/$/, '')}/${encodeKey(location.key)}`,
      query: { 'x-id': 'GetObject' },
      headers: { ...headers },
    }),
    { expiresIn: PRESIGNED_URL_TTL_SECONDS, signingRegion, signingService }
  )
  const port = signed.port ? `:${signed.port}` : ''
  return `${signed.protocol}//${signed.hostname}${port}${signed.path}?${buildQueryString(signed.query ?? {})}`
}
