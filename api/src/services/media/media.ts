import { randomUUID } from 'node:crypto'

import { checkMediaFile, formatS3Uri } from '@mms/rules'
import type { MutationResolvers } from 'types/graphql'

import { currentUserOf } from 'src/lib/auth'
import { mmsConfig } from 'src/lib/config'
import { fieldError } from 'src/lib/fieldValidationError'
import { uploadKeyPrefix } from 'src/lib/mediaOwnership'
import { presignUpload } from 'src/lib/s3'

const FILE_NAME_MAX_LENGTH = 100

/** Keeps a readable, URL-safe tail of the user's file name in the key. */
export const safeFileName = (fileName: string | null | undefined) => {
  const cleaned = (fileName ?? '')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(-FILE_NAME_MAX_LENGTH)
    .replace(/^[-.]+|-+$/g, '')
  return cleaned || 'media'
}

export const createMediaUpload: MutationResolvers['createMediaUpload'] =
  async ({ contentType, sizeBytes, fileName }) => {
    const caller = currentUserOf(context)
    const checked = checkMediaFile(contentType, sizeBytes)
    if ('message' in checked) {
      throw fieldError('media', checked.message)
    }
    // Under the caller's own prefix: only they may send or preview it.
    const location = {
      bucket: mmsConfig().mediaBucket,
      key: `${uploadKeyPrefix(caller.id)}${randomUUID()}/${safeFileName(fileName)}`,
    }
    const upload = await presignUpload(
      location,
      checked.value.contentType,
      sizeBytes
    )
    return {
      uploadUrl: upload.url,
      headers: upload.headers,
      mediaUrl: formatS3Uri(location),
      expiresAt: upload.expiresAt,
    }
  }
