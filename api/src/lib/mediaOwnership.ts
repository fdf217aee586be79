/**
 * Which media objects a user may send and preview: their own uploads, under
 * `uploads/<userId>/`, and objects under the shared prefixes an admin
 * configures (MMS_SHARED_MEDIA_PREFIXES). Everything else in the bucket
 * belongs to someone else, even when the service itself could read it.
 */

export const UPLOADS_PREFIX = 'uploads/'

/** Where createMediaUpload puts a user's files; only that user may use them. */
export const uploadKeyPrefix = (userId: number) => `${UPLOADS_PREFIX}${userId}/`

/**
 * Why a key cannot be used as written, or undefined. S3 keys are literal
 * (`a/../b` is its own object), but S3-compatible servers and proxies may
 * resolve `.` and `..` segments, so `uploads/7/../8/x` could reach user 8's
 * file while looking like user 7's. Empty segments are refused for the same
 * reason (`uploads//x`, a leading or trailing `/`).
 */
export const unsafeKeyReason = (key: string): string | undefined => {
  const segments = key.split('/')
  if (segments.some((segment) => segment === '')) {
    return 'A media key may not start or end with "/" or contain "//".'
  }
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return 'A media key may not contain "." or ".." path segments.'
  }
  return undefined
}

/**
 * Whether the user may send or preview the object at `key`. A pure check on
 * the key, so a refusal costs no S3 call and tells nothing about whether the
 * object exists.
 */
export const mayUseMediaKey = (
  userId: number,
  key: string,
  sharedPrefixes: readonly string[]
): boolean => {
  if (unsafeKeyReason(key)) {
    return false
  }
  if (key.startsWith(uploadKeyPrefix(userId))) {
    return true
  }
  return sharedPrefixes.some((prefix) => key.startsWith(prefix))
}
