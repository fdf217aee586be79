import { createHash } from 'node:crypto'

function crcTable(reflectedPolynomial: number): Uint32Array {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? reflectedPolynomial ^ (c >>> 1) : c >>> 1
    }
    table[n] = c >>> 0
  }
  return table
}

function makeCrc(reflectedPolynomial: number): (data: Uint8Array) => number {
  const table = crcTable(reflectedPolynomial)
  return (data) => {
    let crc = 0xffffffff
    for (const byte of data) {
      crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
    }
    return (crc ^ 0xffffffff) >>> 0
  }
}

/** CRC-32 (ISO-HDLC), as used by PNG chunks and S3's `x-amz-checksum-crc32`. */
export const crc32 = makeCrc(0xedb88320)

/** CRC-32C (Castagnoli), as used by S3's `x-amz-checksum-crc32c`. */
export const crc32c = makeCrc(0x82f63b78)

function uint32Base64(value: number): string {
  const bytes = Buffer.alloc(4)
  bytes.writeUInt32BE(value)
  return bytes.toString('base64')
}

export type S3ChecksumAlgorithm = 'crc32' | 'crc32c' | 'sha1' | 'sha256'

export const S3_CHECKSUM_ALGORITHMS: readonly S3ChecksumAlgorithm[] = [
  'crc32',
  'crc32c',
  'sha1',
  'sha256',
]

/** The base64 value S3 expects in `x-amz-checksum-<algorithm>` for this payload. */
export function s3ChecksumBase64(
  algorithm: S3ChecksumAlgorithm,
  payload: Uint8Array
): string {
  switch (algorithm) {
    case 'crc32':
      return uint32Base64(crc32(payload))
    case 'crc32c':
      return uint32Base64(crc32c(payload))
    case 'sha1':
      return createHash('sha1').update(payload).digest('base64')
    case 'sha256':
      return createHash('sha256').update(payload).digest('base64')
  }
}
