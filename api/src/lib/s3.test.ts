import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'

import {
  createS3Client,
  PRESIGNED_URL_TTL_SECONDS,
  presignDownload,
} from './s3'
import { freezeClockAt } from './sendLimits/clock.fixtures'

const credentials = {
  accessKeyId: 'AKIAEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session-token/with+characters=',
}

// The app's own client (createS3Client), as configured for AWS and for a
// local S3, and the SDK's defaults, which presignDownload leaves to the SDK.
const clients = {
  'AWS, virtual-hosted': () => createS3Client('eu-west-2'),
  'a local S3, path-style on a custom endpoint': () => {
    process.env.AWS_ENDPOINT_URL_S3 = 'http://127.0.0.1:4569'
    process.env.S3_FORCE_PATH_STYLE = 'true'
    return createS3Client('us-east-1')
  },
  'a client that validates response checksums only when required': () =>
    new S3Client({
      region: 'us-west-2',
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  'the SDK’s defaults': () =>
    new S3Client({ region: 'us-west-2', credentials }),
}

const locations = [
  { bucket: 'mms-media-test', key: 'samples/sample.png' },
  {
    bucket: 'mms-media-test',
    key: 'uploads/7/0f0e0d0c-0b0a-4908-8706-050403020100/cat photo (1).png',
  },
  { bucket: 'mms-media-test', key: "uploads/7/x/Grüße+ümlaut*!'~.jpg" },
  // A bucket name with dots cannot be a host name under TLS.
  { bucket: 'media.example.com', key: 'samples/sample.png' },
]

describe('presignDownload', () => {
  // The tests' environment points the SDK at a local endpoint; these
  // clients say where they send for themselves.
  const env = { ...process.env }
  beforeEach(() => {
    delete process.env.AWS_ENDPOINT_URL
    delete process.env.AWS_ENDPOINT_URL_S3
    delete process.env.S3_FORCE_PATH_STYLE
    process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId
    process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey
    process.env.AWS_SESSION_TOKEN = credentials.sessionToken
    freezeClockAt('2026-11-23T10:15:30.000Z')
  })

  afterEach(() => {
    jest.useRealTimers()
    process.env = { ...env }
  })

  for (const [name, makeClient] of Object.entries(clients)) {
    it(`signs the link the SDK's getSignedUrl signs, for ${name}`, async () => {
      const client = makeClient()
      // Counts the requests that go through the client's middleware, as
      // every getSignedUrl does.
      let middlewareRounds = 0
      client.middlewareStack.add(
        (next) => (args) => {
          middlewareRounds++
          return next(args)
        },
        { step: 'initialize' }
      )
      for (const location of locations) {
        const expected = await getSignedUrl(
          client,
          new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
          { expiresIn: PRESIGNED_URL_TTL_SECONDS }
        )
        middlewareRounds = 0
        expect(await presignDownload(location, client)).toBe(expected)
        // Again, from what it kept of the bucket.
        expect(await presignDownload(location, client)).toBe(expected)
        expect(middlewareRounds).toBe(name === 'the SDK’s defaults' ? 2 : 0)
      }
    })
  }

  it('gives a GET link valid for five minutes, with nothing else signed', async () => {
    const url = new URL(
      await presignDownload(
        { bucket: 'mms-media-test', key: 'samples/sample.png' },
        clients['AWS, virtual-hosted']()
      )
    )
    expect(url.origin + url.pathname).toBe(
      'https://mms-media-test.s3.eu-west-2.amazonaws.com/samples/sample.png'
    )
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'AKIAEXAMPLE/20261123/eu-west-2/s3/aws4_request',
      'X-Amz-Date': '20261123T101530Z',
      'X-Amz-Expires': '300',
      'X-Amz-Security-Token': credentials.sessionToken,
      'X-Amz-SignedHeaders': 'host',
      'x-id': 'GetObject',
    })
  })
})
