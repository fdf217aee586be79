import { useState } from 'react'

import { formatBytes } from '@mms/rules'

import { mediaKindLabel, mediaKindOf } from 'src/lib/mediaKind'

interface MediaPreviewProps {
  src: string
  contentType: string
  sizeBytes: number
  /** Names the file for people who cannot see it, e.g. its file name. */
  name: string
}

/** A media file at a size to look at: an image, a playable video or audio, or a link. */
const MediaPreview = ({
  src,
  contentType,
  sizeBytes,
  name,
}: MediaPreviewProps) => {
  const [broken, setBroken] = useState(false)
  const kind = mediaKindOf(contentType)
  const label = `${mediaKindLabel(contentType)}: ${name}`

  const preview = () => {
    if (broken) {
      return <p className="muted">The preview could not be loaded.</p>
    }
    switch (kind) {
      case 'image':
        return (
          <img
            className="media-preview__image"
            src={src}
            alt={label}
            onError={() => setBroken(true)}
          />
        )
      case 'video':
        return (
          // eslint-disable-next-line jsx-a11y/media-has-caption -- user media has no caption track
          <video
            className="media-preview__video"
            src={src}
            controls
            muted
            playsInline
            preload="metadata"
            aria-label={label}
            onError={() => setBroken(true)}
          />
        )
      case 'audio':
        return (
          // eslint-disable-next-line jsx-a11y/media-has-caption -- user media has no caption track
          <audio src={src} controls preload="metadata" aria-label={label} />
        )
      default:
        return null
    }
  }

  return (
    <figure className="media-preview">
      {preview()}
      <figcaption className="media-preview__caption">
        {name} · {contentType} · {formatBytes(sizeBytes)}
      </figcaption>
    </figure>
  )
}

export default MediaPreview
