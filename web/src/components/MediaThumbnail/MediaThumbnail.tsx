import { useState } from 'react'

import { mediaKindLabel, mediaKindOf } from 'src/lib/mediaKind'

interface MediaThumbnailProps {
  media?: { contentType: string; previewUrl?: string | null } | null
}

/**
 * A small square for a message in a list. Decorative for screen readers: the
 * message's text says what is attached.
 */
const MediaThumbnail = ({ media }: MediaThumbnailProps) => {
  const [broken, setBroken] = useState(false)

  if (!media) {
    return (
      <div className="media-thumbnail" aria-hidden="true">
        Text
      </div>
    )
  }
  const kind = mediaKindOf(media.contentType)
  const canShow =
    media.previewUrl && !broken && (kind === 'image' || kind === 'video')

  return (
    <div className="media-thumbnail" aria-hidden="true">
      {canShow && kind === 'image' && (
        <img
          src={media.previewUrl}
          alt=""
          loading="lazy"
          onError={() => setBroken(true)}
        />
      )}
      {canShow && kind === 'video' && (
        <video
          src={media.previewUrl}
          muted
          preload="metadata"
          onError={() => setBroken(true)}
        />
      )}
      {!canShow && mediaKindLabel(media.contentType)}
    </div>
  )
}

export default MediaThumbnail
