import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'

import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'

import { crc32 } from '../src/checksums.ts'
import {
  createSandboxS3Client,
  SAMPLE_IMAGE,
  SAMPLE_VIDEO,
  startLocalS3,
  type LocalS3,
} from '../src/index.ts'
import { readSample } from '../src/samples/sample-media.ts'

import { TEST_CREDENTIALS } from './support/sandbox-fixture.ts'

const WEB_ORIGIN = 'http://localhost:8910'

/** An S3 client configured the way an app typically is: SDK defaults plus the endpoint override. */
function appS3Client(endpoint: string): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: TEST_CREDENTIALS,
  })
}

describe('local S3', () => {
  let dataDir: string
  let s3: LocalS3
  let client: S3Client
  let appClient: S3Client
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pinpoint-sandbox-s3-'))
    s3 = await startLocalS3({ port: 0, directory: dataDir })
    client = createSandboxS3Client({ endpoint: s3.endpoint })
    appClient = appS3Client(s3.endpoint)
  })
  after(async () => {
    client.destroy()
    appClient.destroy()
    await s3.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const bytesOf = async (key: string, via: S3Client = client) => {
    const object = await via.send(
      new GetObjectCommand({ Bucket: s3.bucket, Key: key })
    )
    return {
      object,
      bytes: Buffer.from(await object.Body!.transformToByteArray()),
    }
  }

  it('creates the bucket and uploads the samples with their content types', async () => {
    assert.equal(s3.bucket, 'mms-media-local')
    assert.deepEqual(
      s3.samples.map((sample) => sample.uri),
      [
        's3://mms-media-local/samples/sample.png',
        's3://mms-media-local/samples/sample.mp4',
      ]
    )
    for (const sample of [SAMPLE_IMAGE, SAMPLE_VIDEO]) {
      const { object, bytes } = await bytesOf(sample.key)
      assert.equal(object.ContentType, sample.contentType)
      assert.deepEqual(bytes, readSample(sample))
    }
  })

  it('serves HeadObject and GetObject to a client with the SDK default checksum settings', async () => {
    const head = await appClient.send(
      new HeadObjectCommand({ Bucket: s3.bucket, Key: SAMPLE_IMAGE.key })
    )
    assert.equal(head.ContentType, 'image/png')
    assert.equal(head.ContentLength, readSample(SAMPLE_IMAGE).length)
    const { bytes } = await bytesOf(SAMPLE_IMAGE.key, appClient)
    assert.deepEqual(bytes, readSample(SAMPLE_IMAGE))
  })

  it('stores a streamed (aws-chunked, CRC32 trailer) upload as the bytes sent', async () => {
    const payload = Buffer.from('streamed upload body')
    await appClient.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: 'uploads/streamed.txt',
        Body: Readable.from([payload]),
        ContentLength: payload.length,
        ContentType: 'text/plain',
      })
    )
    const { object, bytes } = await bytesOf('uploads/streamed.txt')
    assert.deepEqual(bytes, payload)
    assert.equal(object.ContentEncoding, undefined)
  })

  it('accepts a presigned PUT with a Content-Type from a browser origin', async () => {
    const url = await getSignedUrl(
      client,
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: 'uploads/from-browser.png',
        ContentType: 'image/png',
      }),
      { expiresIn: 300 }
    )
    const body = readSample(SAMPLE_IMAGE)
    const response = await fetch(url, {
      method: 'PUT',
      body,
      headers: { 'Content-Type': 'image/png', Origin: WEB_ORIGIN },
    })
    assert.equal(response.status, 200)
    assert.equal(
      response.headers.get('access-control-allow-origin'),
      WEB_ORIGIN
    )
    const { object, bytes } = await bytesOf('uploads/from-browser.png')
    assert.equal(object.ContentType, 'image/png')
    assert.deepEqual(bytes, body)

    const getUrl = await getSignedUrl(
      client,
      new GetObjectCommand({
        Bucket: s3.bucket,
        Key: 'uploads/from-browser.png',
      })
    )
    const download = await fetch(getUrl, { headers: { Origin: WEB_ORIGIN } })
    assert.equal(download.status, 200)
    assert.equal(
      download.headers.get('access-control-allow-origin'),
      WEB_ORIGIN
    )
  })

  it('rejects a presigned PUT whose signed x-amz-checksum-crc32 does not match the body (SDK default settings)', async () => {
    const url = await getSignedUrl(
      appClient,
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: 'uploads/default-presigned.png',
        ContentType: 'image/png',
      })
    )
    assert.match(
      url,
      /x-amz-checksum-crc32=AAAAAA%3D%3D/,
      'the default presigner signs the CRC32 of an empty body'
    )
    const response = await fetch(url, {
      method: 'PUT',
      body: 'png bytes',
      headers: { 'Content-Type': 'image/png', Origin: WEB_ORIGIN },
    })
    assert.equal(response.status, 400)
    assert.match(await response.text(), /<Code>BadDigest<\/Code>/)
    assert.equal(
      response.headers.get('access-control-allow-origin'),
      WEB_ORIGIN,
      'a browser can read the error'
    )
    await assert.rejects(
      appClient.send(
        new HeadObjectCommand({
          Bucket: s3.bucket,
          Key: 'uploads/default-presigned.png',
        })
      ),
      {
        name: 'NotFound',
      }
    )
  })

  it('rejects an aws-chunked upload whose trailing checksum does not match', async () => {
    const payload = Buffer.from('hello')
    const wrong = Buffer.alloc(4)
    wrong.writeUInt32BE(crc32(Buffer.from('other')))
    const body = `5\r\nhello\r\n0\r\nx-amz-checksum-crc32:${wrong.toString('base64')}\r\n\r\n`
    const response = await fetch(
      `${s3.endpoint}/${s3.bucket}/uploads/chunked.txt`,
      {
        method: 'PUT',
        body,
        headers: {
          'Content-Encoding': 'aws-chunked',
          'X-Amz-Content-Sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
          'X-Amz-Decoded-Content-Length': String(payload.length),
          'X-Amz-Trailer': 'x-amz-checksum-crc32',
        },
      }
    )
    assert.equal(response.status, 400)
    assert.match(await response.text(), /BadDigest/)
  })

  it('answers CORS preflights for the web app origin and refuses other origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${s3.endpoint}/${s3.bucket}/uploads/x.png`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'content-type',
        },
      })
    const allowed = await preflight(WEB_ORIGIN)
    assert.equal(allowed.status, 200)
    assert.match(
      allowed.headers.get('access-control-allow-methods') ?? '',
      /PUT/
    )
    assert.equal(
      allowed.headers.get('access-control-allow-headers'),
      'content-type'
    )
    const refused = await preflight('http://evil.example')
    assert.equal(refused.status, 403)
  })

  it('reuses its data directory on restart', async () => {
    const restartDir = mkdtempSync(
      join(tmpdir(), 'pinpoint-sandbox-s3-restart-')
    )
    try {
      const first = await startLocalS3({
        port: 0,
        directory: restartDir,
        bucket: 'restart-bucket',
      })
      const firstClient = createSandboxS3Client({ endpoint: first.endpoint })
      await firstClient.send(
        new PutObjectCommand({
          Bucket: 'restart-bucket',
          Key: 'kept.txt',
          Body: 'still here',
        })
      )
      firstClient.destroy()
      await first.stop()

      const second = await startLocalS3({
        port: 0,
        directory: restartDir,
        bucket: 'restart-bucket',
      })
      const secondClient = createSandboxS3Client({ endpoint: second.endpoint })
      try {
        const object = await secondClient.send(
          new GetObjectCommand({ Bucket: 'restart-bucket', Key: 'kept.txt' })
        )
        assert.equal(await object.Body!.transformToString(), 'still here')
      } finally {
        secondClient.destroy()
        await second.stop()
      }
    } finally {
      rmSync(restartDir, { recursive: true, force: true })
    }
  })

  it('rejects an invalid bucket name before starting', async () => {
    await assert.rejects(
      startLocalS3({ port: 0, directory: dataDir, bucket: 'Bad_Bucket' }),
      /invalid S3 bucket name/
    )
  })
})

describe('local S3 with checksum verification off', () => {
  it('accepts a presigned PUT made with the SDK default checksum settings', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pinpoint-sandbox-s3-lenient-'))
    const s3 = await startLocalS3({
      port: 0,
      directory: dataDir,
      verifyChecksums: false,
      uploadSamples: false,
    })
    const client = appS3Client(s3.endpoint)
    try {
      assert.deepEqual(s3.samples, [])
      const url = await getSignedUrl(
        client,
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key: 'a.png',
          ContentType: 'image/png',
        })
      )
      const response = await fetch(url, {
        method: 'PUT',
        body: 'png bytes',
        headers: { 'Content-Type': 'image/png' },
      })
      assert.equal(response.status, 200)
    } finally {
      client.destroy()
      await s3.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
