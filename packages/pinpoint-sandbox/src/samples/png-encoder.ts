import { deflateSync } from 'node:zlib'

import { crc32 } from '../checksums.ts'

const PNG_SIGNATURE = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
])
const BYTES_PER_PIXEL = 3

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([length, typeAndData, crc])
}

/**
 * Encodes 8-bit RGB pixels (row-major, 3 bytes per pixel) as a PNG.
 * Every scanline uses the Sub filter, which keeps smooth gradients small.
 */
export function encodeRgbPng(
  width: number,
  height: number,
  rgb: Uint8Array
): Buffer {
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 1 ||
    height < 1
  ) {
    throw new RangeError(`invalid PNG size ${width}x${height}`)
  }
  const stride = width * BYTES_PER_PIXEL
  if (rgb.length !== stride * height) {
    throw new RangeError(
      `expected ${stride * height} bytes of RGB data, got ${rgb.length}`
    )
  }

  const filtered = Buffer.alloc((stride + 1) * height)
  for (let y = 0; y < height; y++) {
    const rowStart = y * stride
    const outStart = y * (stride + 1)
    filtered[outStart] = 1 // filter type Sub
    for (let x = 0; x < stride; x++) {
      const left =
        x >= BYTES_PER_PIXEL ? rgb[rowStart + x - BYTES_PER_PIXEL]! : 0
      filtered[outStart + 1 + x] = (rgb[rowStart + x]! - left) & 0xff
    }
  }

  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: truecolour
  header[10] = 0 // compression
  header[11] = 0 // filter method
  header[12] = 0 // no interlace

  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filtered, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
