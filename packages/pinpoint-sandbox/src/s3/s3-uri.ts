/** MediaUrls value pattern from the SendMediaMessage API reference. */
export const S3_MEDIA_URI_PATTERN = /^s3:\/\/([a-z0-9.-]{3,63})\/(.+)$/

export interface S3ObjectRef {
  bucket: string
  key: string
}

export function parseS3Uri(uri: string): S3ObjectRef | undefined {
  const match = S3_MEDIA_URI_PATTERN.exec(uri)
  return match ? { bucket: match[1]!, key: match[2]! } : undefined
}

export function formatS3Uri({ bucket, key }: S3ObjectRef): string {
  return `s3://${bucket}/${key}`
}
