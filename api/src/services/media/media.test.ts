import { AuthenticationError, UserInputError } from '@redwoodjs/graphql-server'

import { mayUseMediaKey } from 'src/lib/mediaOwnership'

import { createMediaUpload, safeFileName } from './media'

const BUCKET = 'mms-media-test' // api/jest.env.js
const KB = 1024
const MB = 1024 * KB
const UUID_V4 =
  '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'

const ALICE = {
  id: 7,
  email: 'alice@example.com',
  role: 'MEMBER' as const,
  roles: ['MEMBER' as const],
}

interface Upload {
  uploadUrl: string
  headers: Record<string, string>
  mediaUrl: string
  expiresAt: Date
}

type AnyResolver = (args?: unknown) => unknown
const upload = (args: {
  contentType: string
  sizeBytes: number
  fileName?: string | null
}) => (createMediaUpload as AnyResolver)(args) as Promise<Upload>

/** What a resolver rejected with, for checking its extensions. */
const rejectionOf = async (
  promise: Promise<unknown>
): Promise<UserInputError> => {
  try {
    await promise
  } catch (error) {
    return error as UserInputError
  }
  throw new Error('expected the call to be refused')
}

describe('createMediaUpload', () => {
  beforeEach(() => {
    mockCurrentUser(ALICE)
  })

  it('returns a presigned PUT to the test bucket, signed for the type and size declared', async () => {
    const started = Date.now()
    const result = await upload({
      contentType: 'image/png',
      sizeBytes: 50_000,
      fileName: 'cat.png',
    })

    expect(result.mediaUrl).toMatch(
      new RegExp(`^s3://${BUCKET}/uploads/${ALICE.id}/${UUID_V4}/cat\\.png$`)
    )
    const key = result.mediaUrl.slice(`s3://${BUCKET}/`.length)

    const url = new URL(result.uploadUrl)
    expect(url.protocol).toBe('http:')
    // AWS_ENDPOINT_URL_S3 with S3_FORCE_PATH_STYLE=true: the bucket is in the path.
    expect(`${url.protocol}//${url.host}`).toBe('http://127.0.0.1:9')
    expect(url.pathname).toBe(`/${BUCKET}/${key}`)

    const query = url.searchParams
    expect(query.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256')
    expect(query.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/)
    expect(query.get('X-Amz-Expires')).toBe('300')
    expect(query.get('X-Amz-Credential')).toMatch(
      /^test\/\d{8}\/us-east-1\/s3\/aws4_request$/
    )
    expect(query.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type', 'host'])
    )

    expect(result.headers).toEqual({ 'Content-Type': 'image/png' })
    expect(result.expiresAt).toBeInstanceOf(Date)
    expect(result.expiresAt.getTime()).toBeGreaterThanOrEqual(started + 300_000)
    expect(result.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 300_000)
  })

  it('does not put a checksum of an empty body in the URL, which the real upload would then fail', async () => {
    const result = await upload({
      contentType: 'image/png',
      sizeBytes: 50_000,
      fileName: 'cat.png',
    })
    const names = [...new URL(result.uploadUrl).searchParams.keys()].map((n) =>
      n.toLowerCase()
    )
    expect(
      names.filter(
        (n) =>
          n.startsWith('x-amz-checksum-') ||
          n === 'x-amz-sdk-checksum-algorithm'
      )
    ).toEqual([])
  })

  it('gives a key that only its uploader may send or preview', async () => {
    const result = await upload({
      contentType: 'image/png',
      sizeBytes: 10,
      fileName: '../../8/cat.png',
    })
    const key = result.mediaUrl.slice(`s3://${BUCKET}/`.length)
    expect(mayUseMediaKey(ALICE.id, key, [])).toBe(true)
    expect(mayUseMediaKey(ALICE.id + 1, key, [])).toBe(false)
  })

  it('gives every upload its own key', async () => {
    const first = await upload({
      contentType: 'image/png',
      sizeBytes: 10,
      fileName: 'cat.png',
    })
    const second = await upload({
      contentType: 'image/png',
      sizeBytes: 10,
      fileName: 'cat.png',
    })
    expect(first.mediaUrl).not.toBe(second.mediaUrl)
  })

  it('normalises the declared content type before signing it', async () => {
    const result = await upload({
      contentType: 'Image/PNG; charset=binary',
      sizeBytes: 1_000,
      fileName: 'cat.png',
    })
    expect(result.headers).toEqual({ 'Content-Type': 'image/png' })
  })

  it('names the object "media" when no file name is given', async () => {
    const result = await upload({ contentType: 'video/mp4', sizeBytes: 1_000 })
    expect(result.mediaUrl).toMatch(
      new RegExp(`^s3://${BUCKET}/uploads/${ALICE.id}/${UUID_V4}/media$`)
    )
  })

  it('keeps path separators in the file name out of the key', async () => {
    const result = await upload({
      contentType: 'image/png',
      sizeBytes: 1_000,
      fileName: '../../other-user/../cat.png',
    })
    expect(result.mediaUrl).toMatch(
      new RegExp(
        `^s3://${BUCKET}/uploads/${ALICE.id}/${UUID_V4}/other-user-\\.\\.-cat\\.png$`
      )
    )
  })

  it.each([
    ['image/png at exactly 2 MB', 'image/png', 2 * MB],
    ['image/jpeg at exactly 2 MB', 'image/jpeg', 2 * MB],
    ['video/mp4 at exactly 600 KB', 'video/mp4', 600 * KB],
    ['application/pdf at exactly 600 KB', 'application/pdf', 600 * KB],
  ])('accepts %s', async (_, contentType, sizeBytes) => {
    const result = await upload({ contentType, sizeBytes, fileName: 'file' })
    expect(result.headers).toEqual({ 'Content-Type': contentType })
  })

  it.each([
    [
      'image/png one byte over 2 MB',
      'image/png',
      2 * MB + 1,
      /^The file is 2097153 bytes; image\/png files may be at most 2097152 bytes \(2 MB\)\.$/,
    ],
    [
      'video/mp4 one byte over 600 KB',
      'video/mp4',
      600 * KB + 1,
      /^The file is 614401 bytes; video\/mp4 files may be at most 614400 bytes \(600 KB\)\.$/,
    ],
    [
      'image/png at 3 MB',
      'image/png',
      3 * MB,
      /^The file is 3 MB; image\/png files may be at most 2 MB\.$/,
    ],
    [
      'an unsupported type (image/bmp)',
      'image/bmp',
      1_000,
      /^image\/bmp files cannot be sent by MMS\./,
    ],
    [
      'an unsupported type (application/zip)',
      'application/zip',
      1_000,
      /^application\/zip files cannot be sent by MMS\./,
    ],
    [
      'an empty content type',
      '',
      1_000,
      /^The file has no content type, so MMS cannot carry it\.$/,
    ],
    ['an empty file', 'image/png', 0, /^The file is empty\.$/],
  ])(
    'refuses %s with a message on the media field',
    async (_, contentType, sizeBytes, message) => {
      const error = await rejectionOf(
        upload({ contentType, sizeBytes, fileName: 'file' })
      )

      expect(error).toBeInstanceOf(UserInputError)
      expect(error.extensions.code).toBe('BAD_USER_INPUT')
      const messages = (
        error.extensions.properties as { messages: Record<string, string[]> }
      ).messages
      expect(Object.keys(messages)).toEqual(['media'])
      expect(messages.media).toHaveLength(1)
      expect(messages.media[0]).toMatch(message)
      expect(error.message).toBe(`media: ${messages.media[0]}`)
    }
  )

  // Rounded sizes alone would read "2 MB ... at most 2 MB".
  it.each([
    ['image/png', 2 * MB + 1],
    ['video/mp4', 600 * KB + 1],
  ])(
    'tells apart the size of a %s file just over the limit from the limit',
    async (contentType, sizeBytes) => {
      const error = await rejectionOf(
        upload({ contentType, sizeBytes, fileName: 'file' })
      )
      const [, size, limit] =
        /^The file is (.+); .+ may be at most (.+)\.$/.exec(
          error.message.replace(/^media: /, '')
        ) ?? []
      expect(limit).toBeDefined()
      expect(size).not.toBe(limit)
    }
  )

  it('refuses a caller who is not signed in', async () => {
    mockCurrentUser(null)
    await expect(
      upload({
        contentType: 'image/png',
        sizeBytes: 1_000,
        fileName: 'cat.png',
      })
    ).rejects.toThrow(AuthenticationError)
  })
})

describe('safeFileName', () => {
  const SAFE = /^[A-Za-z0-9._-]+$/

  it.each([
    ['../../etc/passwd', 'etc-passwd'],
    ['..\\..\\windows\\system32', 'windows-system32'],
    ['/absolute/path/cat.png', 'absolute-path-cat.png'],
    ['my holiday photo.png', 'my-holiday-photo.png'],
    ['  spaced  out  .jpg', 'spaced-out-.jpg'],
    ['.htaccess', 'htaccess'],
    ['-rf', 'rf'],
    ['cat.png', 'cat.png'],
    ['Report_2026-01.pdf', 'Report_2026-01.pdf'],
    // Unicode look-alikes: NFKD turns full-width forms into ASCII, then they are replaced.
    ['．．／．．／etc／passwd', 'etc-passwd'],
    ['a／b.png', 'a-b.png'],
    // A right-to-left override that would display "invoice" + "exe.png" reversed.
    ['invoice\u202Egnp.exe', 'invoice-gnp.exe'],
    ['zero\u200Bwidth.png', 'zero-width.png'],
    ['null\u0000byte.png', 'null-byte.png'],
    ['new\nline.png', 'new-line.png'],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected)
  })

  it.each([
    [''],
    ['   '],
    ['...'],
    ['///'],
    ['../'],
    [null],
    [undefined],
    ['日本語'],
  ])('falls back to "media" for %j', (input) => {
    expect(safeFileName(input)).toBe('media')
  })

  it('keeps accented letters readable and safe', () => {
    const name = safeFileName('café résumé.png')
    expect(name).toMatch(SAFE)
    expect(name).toMatch(/^cafe.*re.*sume.*\.png$/)
  })

  it('keeps the last 100 characters of a long name, so the extension survives', () => {
    const name = safeFileName(`${'x'.repeat(300)}.png`)
    expect(name).toBe(`${'x'.repeat(96)}.png`)
  })

  it('never starts with a dot or hyphen, even once cut to 100 characters', () => {
    // Bug: the leading [-.] are stripped before the cut, so the cut can expose one.
    const name = safeFileName(`${'a'.repeat(50)}.${'b'.repeat(99)}`)
    expect(name).toMatch(SAFE)
    expect(name).not.toMatch(/^[-.]/)
  })
})
