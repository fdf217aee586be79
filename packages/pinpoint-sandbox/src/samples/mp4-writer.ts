import {
  H264_CONSTRAINT_FLAGS,
  H264_LEVEL,
  H264_PROFILE_BASELINE,
  type H264Stream,
} from './h264-pcm-encoder.ts'

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload)
  const header = Buffer.alloc(8)
  header.writeUInt32BE(body.length + 8, 0)
  header.write(type, 4, 'ascii')
  return Buffer.concat([header, body])
}

function fullBox(
  type: string,
  version: number,
  flags: number,
  ...payload: Buffer[]
): Buffer {
  const versionAndFlags = Buffer.alloc(4)
  versionAndFlags.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff))
  return box(type, versionAndFlags, ...payload)
}

function u8(...values: number[]): Buffer {
  return Buffer.from(values)
}

function u16(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 2)
  values.forEach((value, i) => out.writeUInt16BE(value, i * 2))
  return out
}

function u32(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 4)
  values.forEach((value, i) => out.writeUInt32BE(value >>> 0, i * 4))
  return out
}

const UNITY_MATRIX = u32(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000)
const LANGUAGE_UND = 0x55c4

export interface Mp4VideoOptions {
  width: number
  height: number
  /** Duration of each frame in milliseconds. */
  frameDurationMs: number
}

/** Wraps an H.264 stream in a progressive ("fast start") MP4 with one video track. */
export function writeMp4(
  stream: H264Stream,
  { width, height, frameDurationMs }: Mp4VideoOptions
): Buffer {
  const timescale = 1000
  const sampleCount = stream.frames.length
  const duration = sampleCount * frameDurationMs
  const samples = stream.frames.map((nal) =>
    Buffer.concat([u32(nal.length), nal])
  )

  const ftyp = box(
    'ftyp',
    Buffer.from('isom', 'ascii'),
    u32(0x200),
    Buffer.from('isomiso2avc1mp41', 'ascii')
  )

  const buildMoov = (chunkOffset: number): Buffer => {
    const avcC = box(
      'avcC',
      u8(
        1,
        H264_PROFILE_BASELINE,
        H264_CONSTRAINT_FLAGS,
        H264_LEVEL,
        0xff,
        0xe1
      ),
      u16(stream.sps.length),
      stream.sps,
      u8(1),
      u16(stream.pps.length),
      stream.pps
    )
    const compressorName = Buffer.alloc(32)
    const avc1 = box(
      'avc1',
      Buffer.alloc(6),
      u16(1), // data_reference_index
      Buffer.alloc(16),
      u16(width, height),
      u32(0x00480000, 0x00480000, 0),
      u16(1), // frame_count
      compressorName,
      u16(0x0018, 0xffff),
      avcC
    )
    const stbl = box(
      'stbl',
      fullBox('stsd', 0, 0, u32(1), avc1),
      fullBox('stts', 0, 0, u32(1, sampleCount, frameDurationMs)),
      fullBox('stsc', 0, 0, u32(1, 1, sampleCount, 1)),
      fullBox(
        'stsz',
        0,
        0,
        u32(0, sampleCount),
        ...samples.map((s) => u32(s.length))
      ),
      fullBox('stco', 0, 0, u32(1, chunkOffset))
    )
    const minf = box(
      'minf',
      fullBox('vmhd', 0, 1, u16(0, 0, 0, 0)),
      box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
      stbl
    )
    const mdia = box(
      'mdia',
      fullBox(
        'mdhd',
        0,
        0,
        u32(0, 0, timescale, duration),
        u16(LANGUAGE_UND, 0)
      ),
      fullBox(
        'hdlr',
        0,
        0,
        u32(0),
        Buffer.from('vide', 'ascii'),
        u32(0, 0, 0),
        Buffer.from('VideoHandler\0', 'ascii')
      ),
      minf
    )
    const tkhd = fullBox(
      'tkhd',
      0,
      0x3, // track enabled, in movie
      u32(0, 0, 1, 0, duration, 0, 0),
      u16(0, 0, 0, 0),
      UNITY_MATRIX,
      u32(width << 16, height << 16)
    )
    const mvhd = fullBox(
      'mvhd',
      0,
      0,
      u32(0, 0, timescale, duration, 0x00010000),
      u16(0x0100, 0),
      u32(0, 0),
      UNITY_MATRIX,
      Buffer.alloc(24),
      u32(2) // next_track_ID
    )
    return box('moov', mvhd, box('trak', tkhd, mdia))
  }

  const moovSize = buildMoov(0).length
  const mdatHeaderSize = 8
  const moov = buildMoov(ftyp.length + moovSize + mdatHeaderSize)
  return Buffer.concat([ftyp, moov, box('mdat', ...samples)])
}
