/**
 * Decoder for the `aws-chunked` content encoding that AWS SDKs use for
 * streaming uploads (`x-amz-content-sha256: STREAMING-...`): hex-sized chunks,
 * optionally with `;chunk-signature=...` extensions, ended by a zero-size chunk
 * and optional trailing headers such as `x-amz-checksum-crc32`.
 */

export class AwsChunkedDecodeError extends Error {}

export interface DecodedAwsChunked {
  payload: Buffer
  /** Trailing headers, names lower-cased. */
  trailers: Record<string, string>
}

const CRLF = Buffer.from('\r\n')

function readLine(
  body: Buffer,
  offset: number
): { line: string; next: number } {
  const end = body.indexOf(CRLF, offset)
  if (end === -1)
    throw new AwsChunkedDecodeError(
      'aws-chunked body ends in the middle of a line'
    )
  return { line: body.subarray(offset, end).toString('latin1'), next: end + 2 }
}

export function decodeAwsChunked(body: Buffer): DecodedAwsChunked {
  const parts: Buffer[] = []
  let offset = 0
  for (;;) {
    const { line, next } = readLine(body, offset)
    const sizeText = line.split(';', 1)[0]!.trim()
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) {
      throw new AwsChunkedDecodeError(
        `invalid aws-chunked chunk size "${sizeText}"`
      )
    }
    const size = Number.parseInt(sizeText, 16)
    offset = next
    if (size === 0) break
    if (offset + size + 2 > body.length)
      throw new AwsChunkedDecodeError('aws-chunked chunk is truncated')
    parts.push(body.subarray(offset, offset + size))
    offset += size
    if (!body.subarray(offset, offset + 2).equals(CRLF)) {
      throw new AwsChunkedDecodeError(
        'aws-chunked chunk is not followed by CRLF'
      )
    }
    offset += 2
  }

  const trailers: Record<string, string> = {}
  while (offset < body.length) {
    const { line, next } = readLine(body, offset)
    offset = next
    if (line === '') break
    const colon = line.indexOf(':')
    if (colon <= 0)
      throw new AwsChunkedDecodeError(`invalid aws-chunked trailer "${line}"`)
    trailers[line.slice(0, colon).trim().toLowerCase()] = line
      .slice(colon + 1)
      .trim()
  }
  return { payload: Buffer.concat(parts), trailers }
}
