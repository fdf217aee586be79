// Regenerates samples/sample.png and samples/sample.mp4 (the output is deterministic).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import {
  SAMPLE_IMAGE,
  SAMPLE_VIDEO,
  SAMPLES_DIR,
  generateSampleMp4,
  generateSamplePng,
} from '../src/samples/sample-media.ts'

mkdirSync(SAMPLES_DIR, { recursive: true })
for (const [sample, bytes] of [
  [SAMPLE_IMAGE, generateSamplePng()],
  [SAMPLE_VIDEO, generateSampleMp4()],
] as const) {
  const path = join(SAMPLES_DIR, sample.fileName)
  writeFileSync(path, bytes)
  console.log(`wrote ${path} (${bytes.length} bytes)`)
}
