import { S3Client } from '@aws-sdk/client-s3'

export interface SandboxCredentials {
  accessKeyId: string
  secretAccessKey: string
}

/** Dummy credentials; the local S3 and the Pinpoint sandbox accept any. */
export const SANDBOX_CREDENTIALS: SandboxCredentials = {
  accessKeyId: 'sandbox',
  secretAccessKey: 'sandbox',
}

export interface SandboxS3ClientOptions {
  endpoint: string
  region?: string
  credentials?: SandboxCredentials
}

/**
 * An S3 client for the local S3: path-style addressing (buckets are served as
 * paths, not host names), and checksums only where an operation requires them.
 * With the SDK's default (`WHEN_SUPPORTED`) uploads of streams are sent
 * aws-chunked with a CRC32 trailer, and a presigned PutObject URL carries the
 * CRC32 of an empty body, which no real upload matches.
 */
export function createSandboxS3Client({
  endpoint,
  region = 'us-east-1',
  credentials = SANDBOX_CREDENTIALS,
}: SandboxS3ClientOptions): S3Client {
  return new S3Client({
    endpoint,
    region,
    credentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
}
