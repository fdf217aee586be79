import { formatS3Uri, type S3Location } from '@mms/rules'

import { UPLOADS_PREFIX } from './mediaOwnership'

/**
 * How long what S3 said about an object may be reused. An upload's key is
 * new for every file (a random id under `uploads/<userId>/`) and its type and
 * size are signed into its upload URL, so what S3 says about it does not
 * change: a minute saves a sender who sends one file many times a HeadObject
 * per send. Objects under the shared prefixes are an admin's to replace at
 * any time, so they are kept only for a few seconds: a replacement is seen
 * that soon in every process, while a burst of sends of one shared file still
 * asks S3 about it once per few seconds instead of once per send.
 */
export const UPLOAD_LOOKUP_TTL_MS = 60_000
export const SHARED_LOOKUP_TTL_MS = 5_000

/** Enough for every file a busy minute sends; the oldest entry goes first. */
export const MAX_CACHED_LOOKUPS = 10_000

export const lookupTtlMsFor = (key: string) =>
  key.startsWith(UPLOADS_PREFIX) ? UPLOAD_LOOKUP_TTL_MS : SHARED_LOOKUP_TTL_MS

interface Entry<T> {
  value: T
  expiresAtMs: number
}

/**
 * Objects S3 has found, per bucket and key, each for its time above. Only
 * found objects are kept: a missing one may be uploaded a moment later, and
 * a failed check says nothing about the object.
 */
export class MediaLookupCache<T> {
  private readonly entries = new Map<string, Entry<T>>()

  constructor(
    private readonly options: {
      maxEntries?: number
      now?: () => number
    } = {}
  ) {}

  get(location: S3Location): T | undefined {
    const name = formatS3Uri(location)
    const entry = this.entries.get(name)
    if (!entry) {
      return undefined
    }
    if (entry.expiresAtMs <= this.now()) {
      this.entries.delete(name)
      return undefined
    }
    return entry.value
  }

  remember(location: S3Location, value: T): void {
    const name = formatS3Uri(location)
    const { maxEntries = MAX_CACHED_LOOKUPS } = this.options
    this.entries.delete(name)
    while (this.entries.size >= maxEntries) {
      const oldest = this.entries.keys().next().value as string
      this.entries.delete(oldest)
    }
    this.entries.set(name, {
      value,
      expiresAtMs: this.now() + lookupTtlMsFor(location.key),
    })
  }

  get size() {
    return this.entries.size
  }

  private now() {
    return (this.options.now ?? Date.now)()
  }
}
