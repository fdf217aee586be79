import { Readable } from 'node:stream'

import {
  S3_CHECKSUM_ALGORITHMS,
  s3ChecksumBase64,
  type S3ChecksumAlgorithm,
} from '../checksums.ts'

import { AwsChunkedDecodeError, decodeAwsChunked } from './aws-chunked.ts'
import type {
  KoaContext,
  KoaMiddleware,
  S3rverModule,
} from './s3rver-module.ts'

type Headers = Record<string, string | string[] | undefined>

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

function lowerCaseQuery(query: KoaContext['query']): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(query)) {
    const first = Array.isArray(value) ? value[0] : value
    if (first !== undefined) out[key.toLowerCase()] = first
  }
  return out
}

interface DeclaredChecksum {
  algorithm: S3ChecksumAlgorithm
  value: string
}

function declaredChecksum(
  source: Record<string, string | undefined>
): DeclaredChecksum | undefined {
  for (const algorithm of S3_CHECKSUM_ALGORITHMS) {
    const value = source[`x-amz-checksum-${algorithm}`]
    if (value) return { algorithm, value }
  }
  return undefined
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const part of stream)
    parts.push(typeof part === 'string' ? Buffer.from(part) : part)
  return Buffer.concat(parts)
}

/**
 * Runs in front of s3rver for PUT requests (PutObject, UploadPart), doing what
 * s3rver 3.7 does not:
 * - decodes `aws-chunked` bodies, which recent AWS SDKs send for streaming
 *   uploads; s3rver would store the chunk framing as the object's bytes;
 * - checks `x-amz-checksum-{crc32,crc32c,sha1,sha256}` from a header, a
 *   presigned URL's query or an aws-chunked trailer against the body, and
 *   answers `400 BadDigest` on a mismatch, so that a presigned URL carrying the
 *   checksum of an empty body fails here as it does on strict S3 endpoints.
 * Other algorithms (e.g. CRC64NVME) pass through unchecked.
 */
export function uploadIntegrityMiddleware(
  s3rver: S3rverModule,
  options: { verifyChecksums: boolean }
): KoaMiddleware {
  const cors = s3rver.corsMiddleware()

  return async function uploadIntegrity(ctx, next) {
    if (ctx.method !== 'PUT') return next()
    const headers = ctx.req.headers
    const contentEncoding = header(headers, 'content-encoding') ?? ''
    const isAwsChunked =
      /(^|,)\s*aws-chunked\s*(,|$)/i.test(contentEncoding) ||
      (header(headers, 'x-amz-content-sha256') ?? '').startsWith('STREAMING-')
    const declared = options.verifyChecksums
      ? declaredChecksum({
          ...lowerCaseQuery(ctx.query),
          ...(headers as Record<string, string>),
        })
      : undefined
    if (!isAwsChunked && !declared) return next()

    const body = await readAll(ctx.req)
    let payload = body
    let expected = declared
    if (isAwsChunked) {
      let decoded
      try {
        decoded = decodeAwsChunked(body)
      } catch (error) {
        if (error instanceof AwsChunkedDecodeError) {
          throw new s3rver.S3Error(
            'IncompleteBody',
            `Could not decode the aws-chunked body: ${error.message}`
          )
        }
        throw error
      }
      payload = decoded.payload
      const decodedLength = header(headers, 'x-amz-decoded-content-length')
      if (
        decodedLength !== undefined &&
        Number(decodedLength) !== payload.length
      ) {
        throw new s3rver.S3Error(
          'IncompleteBody',
          'You did not provide the number of bytes specified by the x-amz-decoded-content-length header.'
        )
      }
      if (!expected && options.verifyChecksums)
        expected = declaredChecksum(decoded.trailers)
    }

    if (
      expected &&
      s3ChecksumBase64(expected.algorithm, payload) !== expected.value
    ) {
      // Keep the CORS headers on the error, so a browser shows the real failure.
      ctx.params = { bucket: decodeURIComponent(ctx.path.split('/')[1] ?? '') }
      await cors(ctx, async () => {})
      throw new s3rver.S3Error(
        'BadDigest',
        `The ${expected.algorithm.toUpperCase()} you specified did not match the calculated checksum.`
      )
    }

    headers['content-length'] = String(payload.length)
    delete headers['transfer-encoding']
    delete headers['x-amz-decoded-content-length']
    delete headers['x-amz-trailer']
    if (isAwsChunked) {
      headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD'
      const remaining = contentEncoding
        .split(',')
        .map((token) => token.trim())
        .filter((token) => token && token.toLowerCase() !== 'aws-chunked')
      if (remaining.length) headers['content-encoding'] = remaining.join(', ')
      else delete headers['content-encoding']
    }
    // s3rver's PUT handlers stream the object from ctx.req.
    ctx.req = Object.assign(Readable.from([payload]), { headers })
    return next()
  }
}
