import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'

import {
  MediaLookupCache,
  SHARED_LOOKUP_TTL_MS,
  UPLOAD_LOOKUP_TTL_MS,
} from './mediaLookupCache'
import {
  lookUpMediaObject,
  MediaCheckUnavailableError,
  type MediaLookup,
} from './s3'

const BUCKET = 'mms-media-test'
const UPLOAD = {
  bucket: BUCKET,
  key: 'uploads/7/0f0e0d0c-0b0a-4908-8706-050403020100/cat.png',
}
const SHARED = { bucket: BUCKET, key: 'samples/sample.png' }
const PNG = { ContentType: 'image/png', ContentLength: 50_000 }
const FOUND_PNG: MediaLookup = {
  found: true,
  object: { contentType: 'image/png', sizeBytes: 50_000 },
}

const notFound = () =>
  Object.assign(new Error('NotFound'), {
    name: 'NotFound',
    $metadata: { httpStatusCode: 404 },
  })

describe('lookUpMediaObject with its cache', () => {
  const client = new S3Client({ region: 'us-east-1' })
  const s3 = mockClient(client)
  let nowMs: number
  let cache: MediaLookupCache<MediaLookup>
  const lookUp = (location: typeof UPLOAD) =>
    lookUpMediaObject(location, client, cache)
  const heads = () =>
    s3.commandCalls(HeadObjectCommand).map((call) => call.args[0].input)

  beforeEach(() => {
    s3.reset()
    nowMs = 1_800_000_000_000
    cache = new MediaLookupCache({ now: () => nowMs })
  })

  it('asks S3 once about an upload checked moments ago', async () => {
    s3.on(HeadObjectCommand).resolves(PNG)

    expect(await lookUp(UPLOAD)).toEqual(FOUND_PNG)
    nowMs += UPLOAD_LOOKUP_TTL_MS - 1
    expect(await lookUp(UPLOAD)).toEqual(FOUND_PNG)

    expect(heads()).toEqual([{ Bucket: BUCKET, Key: UPLOAD.key }])
  })

  it('asks again once an upload’s minute is over', async () => {
    s3.on(HeadObjectCommand).resolves(PNG)

    await lookUp(UPLOAD)
    nowMs += UPLOAD_LOOKUP_TTL_MS
    await lookUp(UPLOAD)

    expect(heads()).toHaveLength(2)
  })

  it('keeps a shared object for a few seconds only, as an admin may replace it', async () => {
    s3.on(HeadObjectCommand)
      .resolvesOnce(PNG)
      .resolves({ ContentType: 'image/jpeg', ContentLength: 70_000 })

    await lookUp(SHARED)
    nowMs += SHARED_LOOKUP_TTL_MS - 1
    expect(await lookUp(SHARED)).toEqual(FOUND_PNG)
    nowMs += 1
    expect(await lookUp(SHARED)).toEqual({
      found: true,
      object: { contentType: 'image/jpeg', sizeBytes: 70_000 },
    })

    expect(heads()).toHaveLength(2)
    expect(SHARED_LOOKUP_TTL_MS).toBeLessThan(UPLOAD_LOOKUP_TTL_MS)
  })

  it('does not keep a missing object: it may be uploaded a moment later', async () => {
    s3.on(HeadObjectCommand).rejectsOnce(notFound()).resolves(PNG)

    expect(await lookUp(UPLOAD)).toEqual({ found: false, reason: 'NOT_FOUND' })
    expect(await lookUp(UPLOAD)).toEqual(FOUND_PNG)

    expect(heads()).toHaveLength(2)
  })

  it('does not keep a refusal or a failed check', async () => {
    s3.on(HeadObjectCommand)
      .rejectsOnce(
        Object.assign(new Error('Forbidden'), {
          name: 'Forbidden',
          $metadata: { httpStatusCode: 403 },
        })
      )
      .rejectsOnce(
        Object.assign(new Error('connect ECONNREFUSED'), {
          code: 'ECONNREFUSED',
        })
      )
      .resolves(PNG)

    expect(await lookUp(UPLOAD)).toEqual({ found: false, reason: 'FORBIDDEN' })
    await expect(lookUp(UPLOAD)).rejects.toBeInstanceOf(
      MediaCheckUnavailableError
    )
    expect(await lookUp(UPLOAD)).toEqual(FOUND_PNG)

    expect(heads()).toHaveLength(3)
    expect(cache.size).toBe(1)
  })

  it('keeps each bucket and key apart', async () => {
    s3.on(HeadObjectCommand, { Bucket: 'other-bucket' })
      .rejects(notFound())
      .on(HeadObjectCommand, { Bucket: BUCKET })
      .resolves(PNG)

    await lookUp(UPLOAD)
    expect(await lookUp({ ...UPLOAD, bucket: 'other-bucket' })).toEqual({
      found: false,
      reason: 'NOT_FOUND',
    })
    await lookUp({ ...UPLOAD, key: `${UPLOAD.key}.2` })

    expect(heads()).toEqual([
      { Bucket: BUCKET, Key: UPLOAD.key },
      { Bucket: 'other-bucket', Key: UPLOAD.key },
      { Bucket: BUCKET, Key: `${UPLOAD.key}.2` },
    ])
  })

  it('holds at most its bound, forgetting the oldest first', async () => {
    cache = new MediaLookupCache({ now: () => nowMs, maxEntries: 2 })
    s3.on(HeadObjectCommand).resolves(PNG)
    const file = (n: number) => ({ ...UPLOAD, key: `uploads/7/${n}/cat.png` })

    await lookUp(file(1))
    await lookUp(file(2))
    await lookUp(file(3))
    expect(cache.size).toBe(2)
    await lookUp(file(3))
    await lookUp(file(2))
    expect(heads()).toHaveLength(3)

    await lookUp(file(1))
    expect(heads()).toHaveLength(4)
    expect(cache.size).toBe(2)
  })
})
