import {
  MMS_MEDIA_TYPES,
  formatBytes,
  normaliseContentType,
  type MediaKind,
} from '@mms/rules'

export const mediaKindOf = (contentType: string): MediaKind =>
  MMS_MEDIA_TYPES[normaliseContentType(contentType)]?.kind ?? 'document'

const KIND_LABELS: Record<MediaKind, string> = {
  image: 'Image',
  video: 'Video',
  audio: 'Audio',
  document: 'File',
}

export const mediaKindLabel = (contentType: string) =>
  KIND_LABELS[mediaKindOf(contentType)]

const subtypeName = (contentType: string) =>
  contentType.slice(contentType.indexOf('/') + 1).toUpperCase()

/**
 * The size limits in one sentence, from the shared table:
 * "JPEG, PNG or GIF up to 2 MB; other supported types up to 600 KB."
 */
export const mediaLimitsSummary = (): string => {
  const bySize = new Map<number, string[]>()
  for (const [contentType, { maxBytes }] of Object.entries(MMS_MEDIA_TYPES)) {
    bySize.set(maxBytes, [...(bySize.get(maxBytes) ?? []), contentType])
  }
  const groups = [...bySize.entries()].sort(([a], [b]) => b - a)
  return `${groups
    .map(([maxBytes, contentTypes], index) => {
      const names =
        index === groups.length - 1 && groups.length > 1
          ? 'other supported types'
          : new Intl.ListFormat('en', { type: 'disjunction' }).format(
              contentTypes.map(subtypeName)
            )
      return `${names} up to ${formatBytes(maxBytes)}`
    })
    .join('; ')}.`
}
