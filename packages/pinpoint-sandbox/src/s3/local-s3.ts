import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'

import { PutObjectCommand } from '@aws-sdk/client-s3'

import { DEFAULT_S3_DATA_DIR } from '../project-paths.ts'
import {
  SAMPLE_MEDIA,
  readSample,
  type SampleMedia,
} from '../samples/sample-media.ts'

import { corsConfigurationXml, DEFAULT_CORS_ORIGINS } from './bucket-cors.ts'
import { formatS3Uri } from './s3-uri.ts'
import { loadS3rver } from './s3rver-module.ts'
import { createSandboxS3Client } from './sandbox-s3-client.ts'
import { uploadIntegrityMiddleware } from './upload-integrity-middleware.ts'

export const DEFAULT_S3_PORT = 4569
export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_BUCKET = 'mms-media-local'

const BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

export interface LocalS3Options {
  /** TCP port; 0 picks a free one. Default 4569. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Where objects are stored; reused across runs. Default `<project root>/.redwood/sandbox/s3`. */
  directory?: string
  /** Bucket created at start (if missing). Default `mms-media-local`. */
  bucket?: string
  /** Origins allowed by the bucket's CORS rule. Default http://localhost:8910 and http://127.0.0.1:8910. */
  corsOrigins?: string[]
  /** Upload samples/sample.png and samples/sample.mp4 to the bucket. Default true. */
  uploadSamples?: boolean
  /** Reject PUTs whose x-amz-checksum-* does not match the body. Default true. */
  verifyChecksums?: boolean
}

export interface SampleObject extends SampleMedia {
  bucket: string
  /** `s3://bucket/key`, as SendMediaMessage's MediaUrls expects. */
  uri: string
  size: number
}

export interface LocalS3 {
  /** e.g. http://127.0.0.1:4569; use with `forcePathStyle: true`. */
  endpoint: string
  port: number
  bucket: string
  directory: string
  /** The uploaded sample objects (empty when `uploadSamples` is false). */
  samples: SampleObject[]
  stop(): Promise<void>
}

export async function startLocalS3(
  options: LocalS3Options = {}
): Promise<LocalS3> {
  const {
    port = DEFAULT_S3_PORT,
    host = DEFAULT_HOST,
    directory = DEFAULT_S3_DATA_DIR,
    bucket = DEFAULT_BUCKET,
    corsOrigins = DEFAULT_CORS_ORIGINS,
    uploadSamples = true,
    verifyChecksums = true,
  } = options
  if (!BUCKET_NAME_PATTERN.test(bucket) || bucket.includes('..')) {
    throw new Error(
      `invalid S3 bucket name "${bucket}": use 3-63 lower-case letters, digits, dots and hyphens`
    )
  }
  const dataDir = resolve(directory)
  mkdirSync(dataDir, { recursive: true })

  const s3rverModule = loadS3rver()
  const server = new s3rverModule.S3rver({
    address: host,
    port,
    directory: dataDir,
    silent: true,
    vhostBuckets: false,
    resetOnClose: false,
    configureBuckets: [
      {
        name: bucket,
        configs: corsOrigins.length ? [corsConfigurationXml(corsOrigins)] : [],
      },
    ],
  })
  server.middleware.unshift(
    uploadIntegrityMiddleware(s3rverModule, { verifyChecksums })
  )
  const address = await server.run()
  const endpoint = `http://${formatHost(address.address)}:${address.port}`

  const stop = async () => {
    const closing = server.close()
    server.httpServer?.closeAllConnections()
    await closing
  }

  const samples: SampleObject[] = []
  if (uploadSamples) {
    const client = createSandboxS3Client({ endpoint })
    try {
      for (const sample of SAMPLE_MEDIA) {
        const body = readSample(sample)
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: sample.key,
            Body: body,
            ContentType: sample.contentType,
          })
        )
        samples.push({
          ...sample,
          bucket,
          uri: formatS3Uri({ bucket, key: sample.key }),
          size: body.length,
        })
      }
    } catch (error) {
      await stop()
      throw error
    } finally {
      client.destroy()
    }
  }

  return {
    endpoint,
    port: address.port,
    bucket,
    directory: dataDir,
    samples,
    stop,
  }
}

function formatHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address
}
