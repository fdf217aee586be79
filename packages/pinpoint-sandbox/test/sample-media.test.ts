import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import * as zlib from 'node:zlib'

import { crc32, crc32c } from '../src/checksums.ts'
import { SAMPLE_IMAGE, SAMPLE_VIDEO } from '../src/index.ts'
import {
  generateSampleMp4,
  generateSamplePng,
  readSample,
} from '../src/samples/sample-media.ts'

interface Box {
  type: string
  start: number
  size: number
  payload: Buffer
}

function boxes(data: Buffer, start = 0, end = data.length): Box[] {
  const out: Box[] = []
  for (let offset = start; offset < end; ) {
    const size = data.readUInt32BE(offset)
    assert.ok(
      size >= 8 && offset + size <= end,
      `box at ${offset} has a bad size ${size}`
    )
    out.push({
      type: data.toString('latin1', offset + 4, offset + 8),
      start: offset,
      size,
      payload: data.subarray(offset + 8, offset + size),
    })
    offset += size
  }
  return out
}

function child(parent: Box, type: string, skip = 0): Box {
  const found = boxes(parent.payload, skip).find((box) => box.type === type)
  assert.ok(found, `${parent.type} has no ${type}`)
  return found
}

describe('checksums', () => {
  it('computes the standard check values', () => {
    const check = Buffer.from('123456789')
    assert.equal(crc32(check), 0xcbf43926)
    assert.equal(crc32c(check), 0xe3069283)
  })
})

describe('sample image', () => {
  const png = readSample(SAMPLE_IMAGE)

  it('is the output of the generator', () => {
    assert.deepEqual(png, generateSamplePng())
  })

  it('is a valid 96x96 RGB PNG of a few KB', () => {
    assert.ok(png.length > 500 && png.length < 8 * 1024)
    assert.deepEqual(
      png.subarray(0, 8),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    )
    const chunks: Array<{ type: string; data: Buffer }> = []
    for (let offset = 8; offset < png.length; ) {
      const length = png.readUInt32BE(offset)
      const type = png.toString('latin1', offset + 4, offset + 8)
      const data = png.subarray(offset + 8, offset + 8 + length)
      assert.equal(
        png.readUInt32BE(offset + 8 + length),
        zlib.crc32(png.subarray(offset + 4, offset + 8 + length)),
        `${type} CRC`
      )
      chunks.push({ type, data })
      offset += 12 + length
    }
    assert.deepEqual(
      chunks.map((c) => c.type),
      ['IHDR', 'IDAT', 'IEND']
    )
    const ihdr = chunks[0]!.data
    assert.deepEqual(
      [ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]],
      [96, 96, 8, 2]
    )
    const scanlines = zlib.inflateSync(chunks[1]!.data)
    assert.equal(scanlines.length, (96 * 3 + 1) * 96)
  })
})

describe('sample video', () => {
  const mp4 = readSample(SAMPLE_VIDEO)

  it('is the output of the generator', () => {
    assert.deepEqual(mp4, generateSampleMp4())
  })

  it('is an MP4 with one H.264 track whose samples are IDR slices inside mdat', () => {
    assert.ok(mp4.length < 16 * 1024)
    const top = boxes(mp4)
    assert.deepEqual(
      top.map((b) => b.type),
      ['ftyp', 'moov', 'mdat']
    )
    const [, moov, mdat] = top as [Box, Box, Box]
    const stbl = child(
      child(child(child(moov, 'trak'), 'mdia'), 'minf'),
      'stbl'
    )
    const stsd = child(stbl, 'stsd')
    const avc1 = boxes(stsd.payload, 8)[0]!
    assert.equal(avc1.type, 'avc1')
    assert.deepEqual(
      [avc1.payload.readUInt16BE(24), avc1.payload.readUInt16BE(26)],
      [64, 48]
    )
    const avcC = child(avc1, 'avcC', 78)
    assert.equal(avcC.payload[1], 66, 'Baseline profile')

    const stsz = child(stbl, 'stsz').payload
    const sampleCount = stsz.readUInt32BE(8)
    const sizes = Array.from({ length: sampleCount }, (_, i) =>
      stsz.readUInt32BE(12 + 4 * i)
    )
    assert.equal(
      sizes.reduce((a, b) => a + b, 0),
      mdat.size - 8
    )
    const chunkOffset = child(stbl, 'stco').payload.readUInt32BE(8)
    assert.equal(chunkOffset, mdat.start + 8)
    let offset = chunkOffset
    for (const size of sizes) {
      const nalLength = mp4.readUInt32BE(offset)
      assert.equal(nalLength, size - 4)
      assert.equal(mp4[offset + 4]! & 0x1f, 5, 'IDR slice')
      offset += size
    }
  })
})
