import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PACKAGE_DIR = fileURLToPath(new URL('../', import.meta.url))

/** The monorepo root: this package lives in <root>/packages/pinpoint-sandbox. */
export const PROJECT_ROOT = join(PACKAGE_DIR, '..', '..')

export const DEFAULT_S3_DATA_DIR = join(
  PROJECT_ROOT,
  '.redwood',
  'sandbox',
  's3'
)
