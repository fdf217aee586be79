import { KB, MB, type SendLimitErrorExtensions } from '@mms/rules'
import type { GraphQLContext } from 'msw'
import type { SendForm_SendMms } from 'types/graphql'

import { fireEvent, render, screen, waitFor } from '@redwoodjs/testing/web'

import {
  type SentMessage,
  sentMessage as mockMessage,
} from 'src/components/SendResult/SendResult.mock'

import SendForm from './SendForm'

const UPLOAD_URL =
  'https://mms-media.s3.amazonaws.com/uploads/1/abc/photo.png?X-Amz-Signature=sig'
const MEDIA_URL = 's3://mms-media/uploads/1/abc/photo.png'

const sentMessage = (
  variables: Record<string, unknown>,
  overrides: Partial<SentMessage> = {}
): SendForm_SendMms => ({
  sendMms: mockMessage({ dryRun: Boolean(variables.dryRun), ...overrides }),
})

const badUserInput = (messages: Record<string, string[]>) => ({
  message: Object.entries(messages)
    .map(([field, list]) => `${field}: ${list.join(' ')}`)
    .join(' '),
  extensions: { code: 'BAD_USER_INPUT', properties: { messages } },
})

/** A send refused by a sending limit, as the api words and codes it. */
const sendLimitRefusal = (extensions: SendLimitErrorExtensions) => ({
  message: `Sending rate reached: your account may send ${extensions.limit} messages a minute. Nothing was sent. Try again in ${extensions.retryAfterSeconds} seconds, after ${extensions.retryAt}.`,
  extensions,
})

/** Records every sendMms call; answers with `answer`, a sent message by default. */
const mockSendMms = (
  answer: (
    variables: Record<string, unknown>,
    ctx: GraphQLContext<Record<string, unknown>>
  ) => Record<string, unknown> | undefined = (variables) =>
    sentMessage(variables)
) => {
  const calls: Record<string, unknown>[] = []
  mockGraphQLMutation('SendForm_SendMms', (variables, { ctx }) => {
    calls.push(variables)
    return answer(variables, ctx)
  })
  return calls
}

const mockCreateMediaUpload = () => {
  const calls: Record<string, unknown>[] = []
  mockGraphQLMutation('SendForm_CreateMediaUpload', (variables) => {
    calls.push(variables)
    return {
      createMediaUpload: {
        __typename: 'MediaUpload',
        uploadUrl: UPLOAD_URL,
        headers: { 'Content-Type': 'image/png' },
        mediaUrl: MEDIA_URL,
        expiresAt: '2026-11-22T10:05:00.000Z',
      },
    }
  })
  return calls
}

const file = (name: string, type: string, sizeBytes: number) =>
  new File([new Uint8Array(sizeBytes)], name, { type })

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } })

const choose = (chosen: File) =>
  fireEvent.change(screen.getByLabelText('Photo, video or other file'), {
    target: { files: [chosen] },
  })

const submit = () =>
  fireEvent.click(screen.getByRole('button', { name: 'Send MMS' }))

/**
 * The presigned PUTs the browser made, answered by a stand-in for S3 with
 * `status`; GraphQL requests go through unchanged.
 */
const spyOnUploads = (status = 200) => {
  const realFetch = window.fetch
  const uploads: { url: string; init: RequestInit }[] = []
  jest.spyOn(window, 'fetch').mockImplementation((input, init) => {
    if (init?.method === 'PUT') {
      uploads.push({ url: String(input), init })
      return Promise.resolve(new Response(null, { status }))
    }
    return realFetch(input, init)
  })
  return uploads
}

describe('SendForm', () => {
  // jsdom has no object URLs; the preview needs one per chosen file. Removed
  // after all, once the last test's components have unmounted.
  beforeAll(() => {
    URL.createObjectURL = (blob: Blob) => `blob:preview/${(blob as File).name}`
    URL.revokeObjectURL = () => undefined
  })

  afterAll(() => {
    delete URL.createObjectURL
    delete URL.revokeObjectURL
  })

  afterEach(() => {
    jest.restoreAllMocks()
  })

  it('shows the api’s message beside a number that is not valid, and sends nothing', async () => {
    const calls = mockSendMms()
    render(<SendForm />)

    type('Destination phone number', '+1 206 555 010')
    type('Message', 'Hello')
    submit()

    expect(
      await screen.findByText(
        'This is not a valid phone number for its country code.'
      )
    ).toBeInTheDocument()
    expect(screen.getByLabelText('Destination phone number')).toHaveAttribute(
      'aria-invalid',
      'true'
    )
    expect(screen.getByLabelText('Destination phone number')).toHaveFocus()
    expect(calls).toHaveLength(0)
  })

  it('asks for the international format when the + is missing, as the number is typed', async () => {
    render(<SendForm />)
    type('Destination phone number', '2065550123')

    expect(
      await screen.findByText(
        /Write the number in international format, starting with \+/
      )
    ).toBeInTheDocument()
  })

  it('confirms a valid number in international format', async () => {
    render(<SendForm />)
    type('Destination phone number', '+14254147755')
    expect(
      await screen.findByText('Sends to +1 425 414 7755')
    ).toBeInTheDocument()
  })

  it('counts characters against the limit and refuses 1601', async () => {
    const calls = mockSendMms()
    render(<SendForm />)

    type('Message', 'x'.repeat(1600))
    expect(screen.getByText('1600 of 1600 characters')).toBeInTheDocument()

    type('Destination phone number', '+14254147755')
    type('Message', 'x'.repeat(1601))
    expect(screen.getByText('1601 of 1600 characters: 1 too many')).toHaveClass(
      'character-count--over'
    )
    submit()

    expect(
      await screen.findByText(
        'The message is 1601 characters; the limit is 1600.'
      )
    ).toBeInTheDocument()
    expect(calls).toHaveLength(0)
  })

  it('refuses a file type MMS cannot carry as soon as it is chosen, before any upload', async () => {
    const uploads = mockCreateMediaUpload()
    render(<SendForm />)

    choose(file('photo.webp', 'image/webp', 10 * KB))

    expect(
      await screen.findByText(/^image\/webp files cannot be sent by MMS\./)
    ).toBeInTheDocument()
    expect(screen.queryByRole('img')).not.toBeInTheDocument()

    type('Destination phone number', '+14254147755')
    submit()
    await screen.findByText(/^image\/webp files cannot be sent by MMS\./)
    expect(uploads).toHaveLength(0)
  })

  it('refuses a file that is too large for its type', async () => {
    const uploads = mockCreateMediaUpload()
    render(<SendForm />)

    choose(file('holiday.png', 'image/png', 3 * MB))
    expect(
      await screen.findByText(
        'The file is 3 MB; image/png files may be at most 2 MB.'
      )
    ).toBeInTheDocument()

    choose(file('clip.mp4', 'video/mp4', 700 * KB))
    expect(
      await screen.findByText(
        'The file is 700 KB; video/mp4 files may be at most 600 KB.'
      )
    ).toBeInTheDocument()
    expect(uploads).toHaveLength(0)
  })

  it('previews a chosen image and can remove it', async () => {
    render(<SendForm />)
    choose(file('photo.png', 'image/png', 20 * KB))

    expect(
      await screen.findByRole('img', { name: 'Image: photo.png' })
    ).toBeInTheDocument()
    expect(
      screen.getByText('photo.png · image/png · 20 KB')
    ).toBeInTheDocument()

    fireEvent.click(screen.getByRole('button', { name: 'Remove photo.png' }))
    await waitFor(() =>
      expect(screen.queryByRole('img')).not.toBeInTheDocument()
    )
  })

  it('uploads the file to the presigned URL, sends, and shows the recorded message', async () => {
    const uploads = spyOnUploads()
    const mediaUploads = mockCreateMediaUpload()
    const calls = mockSendMms()
    render(<SendForm />)

    const photo = file('photo.png', 'image/png', 20 * KB)
    type('Destination phone number', '+1 425 414 7755')
    type('Message', 'The photos from Saturday.')
    choose(photo)
    submit()

    expect(
      await screen.findByRole('heading', { name: 'Message sent' })
    ).toBeInTheDocument()
    expect(screen.getByText('Sent')).toHaveClass('status-badge--success')
    expect(
      screen.getByRole('link', {
        name: 'View the message and its delivery attempts',
      })
    ).toHaveAttribute('href', '/messages/cm3message0001')

    expect(mediaUploads).toEqual([
      { contentType: 'image/png', sizeBytes: 20 * KB, fileName: 'photo.png' },
    ])
    expect(uploads).toHaveLength(1)
    expect(uploads[0].url).toBe(UPLOAD_URL)
    expect(uploads[0].init.headers).toEqual({ 'Content-Type': 'image/png' })
    expect(uploads[0].init.body).toBe(photo)

    expect(calls).toEqual([
      {
        destinationPhoneNumber: '+1 425 414 7755',
        messageBody: 'The photos from Saturday.',
        mediaUrls: [MEDIA_URL],
        idempotencyKey: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4/),
      },
    ])
    expect(screen.getByLabelText('Message')).toHaveValue('')
  })

  it('sends the optional members given under More options', async () => {
    const calls = mockSendMms()
    render(<SendForm />)
    type('Destination phone number', '+14254147755')
    type('Message', 'Checking the setup.')
    fireEvent.click(screen.getByText('More options'))
    fireEvent.click(screen.getByLabelText('Dry run'))
    type('Time to live (seconds)', '3600')
    type('Max price (US dollars)', '0.05')
    type('Configuration set', 'mms-events')
    submit()

    expect(
      await screen.findByRole('heading', {
        name: 'Dry run passed: AWS accepted the message, nothing was sent',
      })
    ).toBeInTheDocument()
    expect(calls).toEqual([
      expect.objectContaining({
        dryRun: true,
        timeToLive: 3600,
        maxPrice: '0.05',
        configurationSetName: 'mms-events',
      }),
    ])
  })

  it('opens More options to show an option the api would refuse', async () => {
    const calls = mockSendMms()
    render(<SendForm />)
    type('Destination phone number', '+14254147755')
    type('Message', 'Hello')
    type('Time to live (seconds)', '4')
    submit()

    expect(
      await screen.findByText(
        'Time to live must be a whole number of seconds from 5 to 259200 (72 hours).'
      )
    ).toBeVisible()
    expect(screen.getByText('More options').closest('details')).toHaveAttribute(
      'open'
    )
    expect(calls).toHaveLength(0)
  })

  it('says a message answered as queued is recorded and will be sent shortly', async () => {
    mockSendMms((variables) => sentMessage(variables, { status: 'QUEUED' }))
    render(<SendForm />)
    type('Destination phone number', '+14254147755')
    type('Message', 'Hello')
    submit()

    expect(
      await screen.findByRole('heading', { name: 'Message recorded' })
    ).toBeInTheDocument()
    expect(screen.getByText('Queued')).toBeInTheDocument()
    expect(
      screen.getByText(
        'It will be sent shortly. Its page shows when it is sent and delivered.'
      )
    ).toBeInTheDocument()
    expect(
      screen.getByRole('link', {
        name: 'View the message and its delivery attempts',
      })
    ).toHaveAttribute('href', '/messages/cm3message0001')
  })

  it('shows why AWS refused a message', async () => {
    mockSendMms((variables) =>
      sentMessage(variables, {
        status: 'FAILED',
        errorCode: 'DESTINATION_OPTED_OUT',
        errorMessage:
          'The recipient has opted out of messages from this sender.',
      })
    )
    render(<SendForm />)
    type('Destination phone number', '+14254147755')
    type('Message', 'Hello')
    submit()

    expect(
      await screen.findByRole('heading', { name: 'The message was not sent' })
    ).toBeInTheDocument()
    expect(
      screen.getByText(
        'The recipient has opted out of messages from this sender.'
      )
    ).toBeInTheDocument()
  })

  it('sends once when submitted twice in a row', async () => {
    const calls = mockSendMms((variables, ctx) => {
      ctx.delay(50)
      return sentMessage(variables)
    })
    render(<SendForm />)
    type('Destination phone number', '+14254147755')
    type('Message', 'Only once, please.')

    const button = screen.getByRole('button', { name: 'Send MMS' })
    fireEvent.click(button)
    fireEvent.click(button)
    await waitFor(() => expect(button).toHaveTextContent('Sending…'))
    expect(button).toBeDisabled()
    fireEvent.submit(screen.getByRole('form', { name: 'Send an MMS' }))

    await screen.findByRole('heading', { name: 'Message sent' })
    expect(calls).toHaveLength(1)
  })

  it('reuses the idempotency key when the same message is sent again after a lost answer', async () => {
    let lose = true
    const calls = mockSendMms((variables, ctx) => {
      if (lose) {
        lose = false
        ctx.status(502)
        return undefined
      }
      return sentMessage(variables)
    })
    render(<SendForm />)
    type('Destination phone number', '+14254147755')
    type('Message', 'Did this arrive?')

    submit()
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The message was not sent.'
    )

    submit()
    await screen.findByRole('heading', { name: 'Message sent' })
    expect(calls).toHaveLength(2)
    expect(calls[1].idempotencyKey).toBe(calls[0].idempotencyKey)

    type('Message', 'Did this arrive?')
    submit()
    await waitFor(() => expect(calls).toHaveLength(3))
    expect(calls[2].idempotencyKey).not.toBe(calls[0].idempotencyKey)
  })

  it('uses a new idempotency key when the content changes', async () => {
    const calls = mockSendMms((_variables, ctx) => {
      ctx.status(502)
      return undefined
    })
    render(<SendForm />)
    type('Destination phone number', '+14254147755')
    type('Message', 'First draft')
    submit()
    await screen.findByRole('alert')

    type('Message', 'Second draft')
    submit()
    await waitFor(() => expect(calls).toHaveLength(2))
    expect(calls[1].idempotencyKey).not.toBe(calls[0].idempotencyKey)
  })

  it('shows the api’s field errors beside the fields they concern', async () => {
    spyOnUploads()
    mockCreateMediaUpload()
    mockSendMms((_variables, ctx) => {
      ctx.errors([
        badUserInput({
          messageBody: ['Give a message, a media file, or both.'],
          mediaUrls: [`There is no file at ${MEDIA_URL}.`],
        }),
      ])
      return undefined
    })
    render(<SendForm />)
    type('Destination phone number', '+14254147755')
    choose(file('photo.png', 'image/png', 20 * KB))
    submit()

    expect(
      await screen.findByText('Give a message, a media file, or both.')
    ).toHaveAttribute('id', 'messageBody-error')
    expect(
      screen.getByText(`There is no file at ${MEDIA_URL}.`)
    ).toHaveAttribute('id', 'media-error')
    expect(screen.getByLabelText('Message')).toHaveFocus()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('says when the storage service refuses the upload, beside the file', async () => {
    spyOnUploads(403)
    mockCreateMediaUpload()
    const calls = mockSendMms()
    render(<SendForm />)
    type('Destination phone number', '+14254147755')
    choose(file('photo.png', 'image/png', 20 * KB))
    submit()

    expect(
      await screen.findByText(
        'The file could not be uploaded (the storage service answered 403). Try again.'
      )
    ).toBeInTheDocument()
    expect(screen.getByLabelText('Photo, video or other file')).toHaveFocus()
    expect(calls).toHaveLength(0)
  })

  it('says which sending limit was reached and when sending works again, keeping the message', async () => {
    const retryAt = '2026-11-23T10:16:00.000Z'
    let refuse = true
    const calls = mockSendMms((variables, ctx) => {
      if (refuse) {
        refuse = false
        ctx.errors([
          sendLimitRefusal({
            code: 'RATE_LIMITED',
            scope: 'USER',
            limit: 5,
            retryAfterSeconds: 30,
            retryAt,
          }),
        ])
        return undefined
      }
      return sentMessage(variables)
    })
    render(<SendForm />)
    type('Destination phone number', '+14254147755')
    type('Message', 'Sixth message this minute')
    submit()

    const notice = await screen.findByRole('alert')
    expect(notice).toHaveTextContent('Sending limit reached')
    expect(notice).toHaveTextContent(
      'Your account may send 5 messages a minute. Nothing was sent.'
    )
    expect(notice).toHaveTextContent('You can send again in 30 seconds, at')
    expect(notice.querySelector('time')).toHaveAttribute('datetime', retryAt)
    expect(screen.getByLabelText('Message')).toHaveValue(
      'Sixth message this minute'
    )
    expect(screen.getByLabelText('Message')).not.toHaveAttribute(
      'aria-invalid',
      'true'
    )

    submit()
    await screen.findByRole('heading', { name: 'Message sent' })
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(calls).toHaveLength(2)
  })

  it('says when the daily quota is reached, and until when', async () => {
    const retryAt = '2026-11-24T00:00:00.000Z'
    mockSendMms((_variables, ctx) => {
      ctx.errors([
        sendLimitRefusal({
          code: 'QUOTA_EXCEEDED',
          scope: 'USER',
          limit: 1000,
          retryAfterSeconds: 49_470,
          retryAt,
        }),
      ])
      return undefined
    })
    render(<SendForm />)
    type('Destination phone number', '+14254147755')
    type('Message', 'One more')
    submit()

    const notice = await screen.findByRole('alert')
    expect(notice).toHaveTextContent('Daily quota reached')
    expect(notice).toHaveTextContent(
      'Your account may send 1000 messages a day (days start at midnight UTC). Nothing was sent.'
    )
    expect(notice).toHaveTextContent(
      'You can send again in 13 hours 45 minutes, at'
    )
    expect(notice.querySelector('time')).toHaveAttribute('datetime', retryAt)
  })
})
