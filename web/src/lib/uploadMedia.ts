export interface PresignedUpload {
  uploadUrl: string
  /** Headers the URL was signed with; they must be sent exactly. */
  headers: Record<string, unknown>
}

export class MediaUploadError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options)
    this.name = 'MediaUploadError'
  }
}

/**
 * PUTs the file's bytes to a presigned S3 URL. The file is sent as it is, so
 * the length the browser sends is the signed one.
 */
export const putFile = async (
  { uploadUrl, headers }: PresignedUpload,
  file: File
) => {
  let response: Response
  try {
    response = await fetch(uploadUrl, {
      method: 'PUT',
      headers: Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name, String(value)])
      ),
      body: file,
    })
  } catch (cause) {
    throw new MediaUploadError(
      'The file could not be uploaded: the storage service did not answer. Try again.',
      { cause }
    )
  }
  if (!response.ok) {
    throw new MediaUploadError(
      `The file could not be uploaded (the storage service answered ${response.status}). Try again.`
    )
  }
}
