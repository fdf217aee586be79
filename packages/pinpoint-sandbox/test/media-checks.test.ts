import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'

import { ValidationException } from '@aws-sdk/client-pinpoint-sms-voice-v2'
import { PutObjectCommand } from '@aws-sdk/client-s3'

import {
  rejectsWith,
  startTestSandbox,
  type TestSandbox,
} from './support/sandbox-fixture.ts'

const MiB = 1024 * 1024
const KiB = 1024

describe('SendMediaMessage media checks against the local S3', () => {
  let sandbox: TestSandbox
  before(async () => {
    sandbox = await startTestSandbox()
  })
  after(() => sandbox.close())
  beforeEach(() => sandbox.pinpoint.reset())

  async function putObject(
    key: string,
    size: number,
    contentType: string
  ): Promise<string> {
    await sandbox.s3Client.send(
      new PutObjectCommand({
        Bucket: sandbox.s3.bucket,
        Key: key,
        Body: Buffer.alloc(size, 7),
        ContentType: contentType,
      })
    )
    return `s3://${sandbox.s3.bucket}/${key}`
  }

  it('rejects a missing object with RESOURCE_NOT_ACCESSIBLE', async () => {
    const uri = `s3://${sandbox.s3.bucket}/uploads/missing.png`
    const error = await rejectsWith(
      sandbox.send({ MediaUrls: [uri] }),
      ValidationException
    )
    assert.equal(error.Reason, 'RESOURCE_NOT_ACCESSIBLE')
    assert.deepEqual(
      error.Fields?.map((f) => f.Name),
      ['MediaUrls']
    )
    assert.match(error.message, /not accessible/)
  })

  it('rejects an object in a bucket that does not exist with RESOURCE_NOT_ACCESSIBLE', async () => {
    const error = await rejectsWith(
      sandbox.send({ MediaUrls: ['s3://no-such-bucket/a.png'] }),
      ValidationException
    )
    assert.equal(error.Reason, 'RESOURCE_NOT_ACCESSIBLE')
  })

  it('rejects a content type outside the MMS table with MEDIA_TYPE_NOT_SUPPORTED', async () => {
    const uri = await putObject('uploads/notes.txt', 10, 'text/plain')
    const error = await rejectsWith(
      sandbox.send({ MediaUrls: [uri] }),
      ValidationException
    )
    assert.equal(error.Reason, 'MEDIA_TYPE_NOT_SUPPORTED')
    assert.match(error.message, /text\/plain/)
  })

  it('accepts an image of exactly 2 MB and rejects one byte more with MAXIMUM_SIZE_EXCEEDED', async () => {
    const atLimit = await putObject(
      'uploads/at-limit.jpg',
      2 * MiB,
      'image/jpeg'
    )
    await sandbox.send({ MediaUrls: [atLimit] })
    const over = await putObject(
      'uploads/over-limit.jpg',
      2 * MiB + 1,
      'image/jpeg'
    )
    const error = await rejectsWith(
      sandbox.send({ MediaUrls: [over] }),
      ValidationException
    )
    assert.equal(error.Reason, 'MAXIMUM_SIZE_EXCEEDED')
    assert.match(error.message, /image\/jpeg is 2\.00 MB/)
  })

  it('limits other types to 600 KB', async () => {
    const atLimit = await putObject(
      'uploads/at-limit.mp4',
      600 * KiB,
      'video/mp4'
    )
    await sandbox.send({ MediaUrls: [atLimit] })
    const over = await putObject(
      'uploads/over-limit.pdf',
      600 * KiB + 1,
      'application/pdf'
    )
    const error = await rejectsWith(
      sandbox.send({ MediaUrls: [over] }),
      ValidationException
    )
    assert.equal(error.Reason, 'MAXIMUM_SIZE_EXCEEDED')
  })

  it('reads the content type case-insensitively and without parameters', async () => {
    const uri = await putObject(
      'uploads/photo.png',
      100,
      'Image/PNG; name=photo.png'
    )
    await sandbox.send({ MediaUrls: [uri] })
    assert.equal(
      sandbox.pinpoint.inbox()[0]?.media[0]?.contentType,
      'image/png'
    )
  })
})
