import { mediaKindLabel, mediaKindOf, mediaLimitsSummary } from './mediaKind'

describe('mediaKind', () => {
  it('names the kind of a content type from the shared table', () => {
    expect(mediaKindOf('image/PNG')).toBe('image')
    expect(mediaKindOf('video/quicktime')).toBe('video')
    expect(mediaKindLabel('audio/mpeg')).toBe('Audio')
    expect(mediaKindLabel('application/pdf')).toBe('File')
  })

  it('sums up the size limits from the shared table', () => {
    expect(mediaLimitsSummary()).toBe(
      'JPEG, PNG, or GIF up to 2 MB; other supported types up to 600 KB.'
    )
  })
})
