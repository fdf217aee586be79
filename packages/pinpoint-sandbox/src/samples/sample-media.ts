import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { encodeIPcmH264, type YuvFrame } from './h264-pcm-encoder.ts'
import { writeMp4 } from './mp4-writer.ts'
import { encodeRgbPng } from './png-encoder.ts'

export const SAMPLES_DIR = fileURLToPath(
  new URL('../../samples/', import.meta.url)
)

export interface SampleMedia {
  /** Object key in the bucket, and file name under samples/. */
  key: string
  fileName: string
  contentType: string
}

export const SAMPLE_IMAGE: SampleMedia = {
  key: 'samples/sample.png',
  fileName: 'sample.png',
  contentType: 'image/png',
}

export const SAMPLE_VIDEO: SampleMedia = {
  key: 'samples/sample.mp4',
  fileName: 'sample.mp4',
  contentType: 'video/mp4',
}

export const SAMPLE_MEDIA: readonly SampleMedia[] = [SAMPLE_IMAGE, SAMPLE_VIDEO]

export function readSample(sample: SampleMedia): Buffer {
  return readFileSync(new URL(sample.fileName, `file://${SAMPLES_DIR}`))
}

type Rgb = [number, number, number]

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as Rgb
}

/** A diagonal gradient with a white speech bubble, drawn as RGB. */
function drawPicture(
  width: number,
  height: number,
  from: Rgb,
  to: Rgb
): Uint8Array {
  const rgb = new Uint8Array(width * height * 3)
  const cx = width * 0.5
  const cy = height * 0.45
  const rx = width * 0.32
  const ry = height * 0.24
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let color = mix(from, to, (x + y) / (width + height - 2))
      const inBubble = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1
      const tailDepth = y - (cy + ry * 0.8)
      const inTail =
        tailDepth >= 0 &&
        tailDepth < height * 0.14 &&
        x >= cx - rx * 0.45 &&
        x <= cx - rx * 0.45 + (height * 0.14 - tailDepth)
      if (inBubble || inTail) color = [255, 255, 255]
      rgb.set(color, (y * width + x) * 3)
    }
  }
  return rgb
}

function rgbToYuv420(width: number, height: number, rgb: Uint8Array): YuvFrame {
  const y = new Uint8Array(width * height)
  const cb = new Uint8Array((width / 2) * (height / 2))
  const cr = new Uint8Array((width / 2) * (height / 2))
  const clamp = (v: number) => Math.min(255, Math.max(1, Math.round(v)))
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = (row * width + col) * 3
      const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!]
      y[row * width + col] = clamp(16 + 0.257 * r + 0.504 * g + 0.098 * b)
      if (row % 2 === 0 && col % 2 === 0) {
        const c = (row / 2) * (width / 2) + col / 2
        cb[c] = clamp(128 - 0.148 * r - 0.291 * g + 0.439 * b)
        cr[c] = clamp(128 + 0.439 * r - 0.368 * g - 0.071 * b)
      }
    }
  }
  return { y, cb, cr }
}

const TEAL: Rgb = [0, 150, 136]
const INDIGO: Rgb = [63, 81, 181]
const ORANGE: Rgb = [255, 152, 0]

export function generateSamplePng(): Buffer {
  const size = 96
  return encodeRgbPng(size, size, drawPicture(size, size, TEAL, INDIGO))
}

export function generateSampleMp4(): Buffer {
  const width = 64
  const height = 48
  const frames = [
    rgbToYuv420(width, height, drawPicture(width, height, TEAL, INDIGO)),
    rgbToYuv420(width, height, drawPicture(width, height, ORANGE, TEAL)),
  ]
  return writeMp4(encodeIPcmH264(width, height, frames), {
    width,
    height,
    frameDurationMs: 1000,
  })
}
