import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'

import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'

import { sendControlError } from '../http/http-utils.ts'
import { parseS3Uri } from '../s3/s3-uri.ts'

/**
 * GET /_sandbox/media?uri=s3://bucket/key: streams a media object from the
 * local S3, so the inbox page can show it. Range requests pass through, which
 * video players rely on for seeking.
 */
export async function serveMedia(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  s3: S3Client
): Promise<void> {
  const uri = url.searchParams.get('uri')
  const ref = uri ? parseS3Uri(uri) : undefined
  if (!ref)
    return sendControlError(
      res,
      400,
      'query parameter "uri" must be an s3://bucket/key URI'
    )
  const range = req.headers.range

  let object
  try {
    object = await s3.send(
      new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, Range: range })
    )
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } })
      .$metadata?.httpStatusCode
    if (status === 404)
      return sendControlError(res, 404, `no such object: ${uri}`)
    if (status === 416)
      return sendControlError(res, 416, `range not satisfiable: ${range}`)
    return sendControlError(
      res,
      502,
      `could not read ${uri} from the local S3: ${(error as Error).message}`
    )
  }

  const headers: Record<string, string | number> = {
    'Content-Type': object.ContentType ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  }
  if (object.ContentLength !== undefined)
    headers['Content-Length'] = object.ContentLength
  if (object.ContentRange) headers['Content-Range'] = object.ContentRange
  res.writeHead(object.ContentRange ? 206 : 200, headers)
  const body = object.Body as Readable | undefined
  if (!body || req.method === 'HEAD') {
    body?.destroy()
    res.end()
    return
  }
  body.on('error', () => res.destroy())
  res.on('close', () => body.destroy())
  body.pipe(res)
}
