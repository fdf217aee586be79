import {
  ConflictException,
  InternalServerException,
  PinpointSMSVoiceV2Client,
  ResourceNotFoundException,
  SendMediaMessageCommand,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
  AccessDeniedException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'

import { db } from 'src/lib/db'
import { FieldValidationError } from 'src/lib/fieldValidationError'

import { mmsMessage, mmsMessages, sendMms } from './mms'
import type { StandardScenario } from './mms.scenarios'

const pinpoint = mockClient(PinpointSMSVoiceV2Client)
const s3 = mockClient(S3Client)

const BUCKET = 'mms-media-test' // api/jest.env.js
const IMAGE = `s3://${BUCKET}/uploads/cat.png`

const signInAs = (scenario: StandardScenario, who: 'alice' | 'bob' = 'alice') =>
  mockCurrentUser({
    id: scenario.user[who].id,
    email: scenario.user[who].email,
  })

const awsFault = <T>(
  Exception: new (opts: never) => T,
  httpStatusCode: number,
  members: Record<string, unknown> = {}
): T =>
  new Exception({
    message: 'raw AWS text that must not reach users',
    $metadata: { httpStatusCode },
    ...members,
  } as never)

beforeEach(() => {
  pinpoint.reset()
  s3.reset()
  s3.on(HeadObjectCommand).resolves({
    ContentType: 'image/png',
    ContentLength: 50_000,
  })
  pinpoint.on(SendMediaMessageCommand).resolves({ MessageId: 'pinpoint-1' })
})

describe('sendMms', () => {
  scenario(
    'records, sends and returns the message (the guide call)',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const result = await sendMms({
        destinationPhoneNumber: '+1 (206) 555-0123',
        mediaUrls: [IMAGE],
        messageBody: 'Your order shipped',
      })

      expect(result).toMatchObject({
        status: 'SENT',
        providerMessageId: 'pinpoint-1',
        destinationPhoneNumber: '+12065550123',
        attemptCount: 1,
        userId: scenario.user.alice.id,
        apiKeyId: null,
        errorCode: null,
      })
      expect(result.sentAt).toBeInstanceOf(Date)
      expect(JSON.parse(result.media)).toEqual([
        { url: IMAGE, contentType: 'image/png', sizeBytes: 50_000 },
      ])
      expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(1)
      expect(
        pinpoint.commandCalls(SendMediaMessageCommand)[0].args[0].input
      ).toEqual({
        DestinationPhoneNumber: '+12065550123',
        OriginationIdentity: '+18445550100',
        MessageBody: 'Your order shipped',
        MediaUrls: [IMAGE],
        Context: { mmsMessageId: result.id },
      })
      expect(s3.commandCalls(HeadObjectCommand)[0].args[0].input).toEqual({
        Bucket: BUCKET,
        Key: 'uploads/cat.png',
      })
      const stored = await db.mmsMessage.findUnique({
        where: { id: result.id },
      })
      expect(stored.status).toBe('SENT')
    }
  )

  scenario(
    'passes the optional Pinpoint fields through',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const result = await sendMms({
        destinationPhoneNumber: '+14254147755',
        messageBody: 'Dry run',
        dryRun: true,
        timeToLive: 3600,
        maxPrice: '0.05',
        configurationSetName: 'mms-events',
        context: { orderId: '42' },
      })
      expect(
        pinpoint.commandCalls(SendMediaMessageCommand)[0].args[0].input
      ).toEqual({
        DestinationPhoneNumber: '+14254147755',
        OriginationIdentity: '+18445550100',
        MessageBody: 'Dry run',
        DryRun: true,
        TimeToLive: 3600,
        MaxPrice: '0.05',
        ConfigurationSetName: 'mms-events',
        Context: { orderId: '42', mmsMessageId: result.id },
      })
      expect(s3.commandCalls(HeadObjectCommand)).toHaveLength(0)
      expect(result).toMatchObject({
        dryRun: true,
        timeToLive: 3600,
        maxPrice: '0.05',
      })
    }
  )

  scenario(
    'records which API key sent the message',
    async (scenario: StandardScenario) => {
      mockCurrentUser({
        id: scenario.user.alice.id,
        email: scenario.user.alice.email,
        apiKeyId: scenario.apiKey.alicesKey.id,
      })
      const result = await sendMms({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'hi',
      })
      expect(result.apiKeyId).toBe(scenario.apiKey.alicesKey.id)
    }
  )

  scenario(
    'refuses a caller who is not signed in, recording nothing',
    async () => {
      mockCurrentUser(null)
      const before = await db.mmsMessage.count()
      await expect(
        sendMms({ destinationPhoneNumber: '+12065550123', messageBody: 'hi' })
      ).rejects.toThrow("You don't have permission to do that.")
      expect(await db.mmsMessage.count()).toBe(before)
      expect(pinpoint.calls()).toHaveLength(0)
    }
  )

  describe('maps each AWS error to a stable code, never showing AWS text', () => {
    const cases: [string, () => Error, string, string][] = [
      [
        'ValidationException MEDIA_TYPE_NOT_SUPPORTED',
        () =>
          awsFault(ValidationException, 400, {
            Reason: 'MEDIA_TYPE_NOT_SUPPORTED',
          }),
        'FAILED',
        'MEDIA_TYPE_NOT_SUPPORTED',
      ],
      [
        'ValidationException MAXIMUM_SIZE_EXCEEDED',
        () =>
          awsFault(ValidationException, 400, {
            Reason: 'MAXIMUM_SIZE_EXCEEDED',
          }),
        'FAILED',
        'MEDIA_TOO_LARGE',
      ],
      [
        'ValidationException DESTINATION_COUNTRY_BLOCKED',
        () =>
          awsFault(ValidationException, 400, {
            Reason: 'DESTINATION_COUNTRY_BLOCKED',
          }),
        'FAILED',
        'DESTINATION_COUNTRY_BLOCKED',
      ],
      [
        'ValidationException PRICE_OVER_THRESHOLD',
        () =>
          awsFault(ValidationException, 400, {
            Reason: 'PRICE_OVER_THRESHOLD',
          }),
        'FAILED',
        'PRICE_OVER_THRESHOLD',
      ],
      [
        'ValidationException other',
        () =>
          awsFault(ValidationException, 400, { Reason: 'INVALID_PARAMETER' }),
        'FAILED',
        'INVALID_REQUEST',
      ],
      [
        'AccessDeniedException',
        () => awsFault(AccessDeniedException, 400),
        'FAILED',
        'PROVIDER_ACCESS_DENIED',
      ],
      [
        'ResourceNotFoundException phone-number',
        () =>
          awsFault(ResourceNotFoundException, 400, {
            ResourceType: 'phone-number',
          }),
        'FAILED',
        'ORIGINATION_NOT_FOUND',
      ],
      [
        'ResourceNotFoundException configuration-set',
        () =>
          awsFault(ResourceNotFoundException, 400, {
            ResourceType: 'configuration-set',
          }),
        'FAILED',
        'CONFIGURATION_SET_NOT_FOUND',
      ],
      [
        'ConflictException opted out',
        () =>
          awsFault(ConflictException, 400, {
            Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
          }),
        'FAILED',
        'DESTINATION_OPTED_OUT',
      ],
      [
        'ConflictException not verified',
        () =>
          awsFault(ConflictException, 400, {
            Reason: 'DESTINATION_PHONE_NUMBER_NOT_VERIFIED',
          }),
        'FAILED',
        'DESTINATION_NOT_VERIFIED',
      ],
      [
        'ConflictException capabilities',
        () =>
          awsFault(ConflictException, 400, {
            Reason: 'NUMBER_CAPABILITIES_MISMATCH',
          }),
        'FAILED',
        'ORIGINATION_NOT_MMS_CAPABLE',
      ],
      [
        'ConflictException not active',
        () =>
          awsFault(ConflictException, 400, { Reason: 'RESOURCE_NOT_ACTIVE' }),
        'FAILED',
        'ORIGINATION_NOT_ACTIVE',
      ],
      [
        'ServiceQuotaExceededException spend',
        () =>
          awsFault(ServiceQuotaExceededException, 400, {
            Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_MEDIA',
          }),
        'FAILED',
        'SPEND_LIMIT_REACHED',
      ],
      [
        'ThrottlingException',
        () => awsFault(ThrottlingException, 400),
        'FAILED',
        'THROTTLED',
      ],
      [
        'InternalServerException',
        () => awsFault(InternalServerException, 500),
        'FAILED',
        'PROVIDER_UNAVAILABLE',
      ],
      [
        'missing credentials',
        () =>
          Object.assign(
            new Error('Could not load credentials from any providers'),
            { name: 'CredentialsProviderError' }
          ),
        'FAILED',
        'PROVIDER_CREDENTIALS_MISSING',
      ],
      [
        'connection refused',
        () =>
          Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), {
            name: 'TimeoutError',
            code: 'ECONNREFUSED',
          }),
        'FAILED',
        'PROVIDER_UNREACHABLE',
      ],
      [
        'timeout after sending',
        () =>
          Object.assign(new Error('request timed out'), {
            name: 'TimeoutError',
            code: 'ETIMEDOUT',
          }),
        'UNKNOWN',
        'OUTCOME_UNKNOWN',
      ],
      [
        'connection reset',
        () =>
          Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
        'UNKNOWN',
        'OUTCOME_UNKNOWN',
      ],
    ]

    for (const [name, makeError, status, code] of cases) {
      scenario(name, async (scenario: StandardScenario) => {
        signInAs(scenario)
        pinpoint.on(SendMediaMessageCommand).rejects(makeError())
        const result = await sendMms({
          destinationPhoneNumber: '+12065550123',
          messageBody: 'hi',
        })
        expect(result).toMatchObject({
          status,
          errorCode: code,
          providerMessageId: null,
        })
        expect(result.errorMessage).toBeTruthy()
        expect(result.errorMessage).not.toMatch(
          /raw AWS text|ECONN|127\.0\.0\.1|credentials from/
        )
        const stored = await db.mmsMessage.findUnique({
          where: { id: result.id },
        })
        expect(stored).toMatchObject({ status, errorCode: code })
      })
    }
  })
})

describe('sendMms validation: refused before any AWS call, with no row written', () => {
  const refusals: [string, Record<string, unknown>, string, RegExp][] = [
    [
      'an invalid number',
      { destinationPhoneNumber: '+1206555010' },
      'destinationPhoneNumber',
      /not a valid phone number/,
    ],
    [
      'a national number',
      { destinationPhoneNumber: '2065550123' },
      'destinationPhoneNumber',
      /international format/,
    ],
    [
      'a body of 1601 characters',
      { messageBody: 'x'.repeat(1601) },
      'messageBody',
      /1601 characters; the limit is 1600/,
    ],
    [
      'a body of only whitespace',
      { messageBody: '   ' },
      'messageBody',
      /only whitespace/,
    ],
    [
      'neither body nor media',
      { messageBody: undefined },
      'messageBody',
      /Give a message, a media file, or both/,
    ],
    [
      'two media files',
      { mediaUrls: [IMAGE, IMAGE] },
      'mediaUrls',
      /at most 1 media file; 2 were given/,
    ],
    [
      'a media URL that is not S3',
      { mediaUrls: ['https://example.com/cat.png'] },
      'mediaUrls',
      /not an S3 URI/,
    ],
    [
      'media in another bucket',
      { mediaUrls: ['s3://other-bucket/cat.png'] },
      'mediaUrls',
      /must be in the bucket mms-media-test/,
    ],
    [
      'a time to live of 4 seconds',
      { timeToLive: 4 },
      'timeToLive',
      /from 5 to 259200/,
    ],
    [
      'a time to live of 259201 seconds',
      { timeToLive: 259201 },
      'timeToLive',
      /from 5 to 259200/,
    ],
    ['a malformed max price', { maxPrice: '100.0' }, 'maxPrice', /US dollars/],
    [
      'a configuration set with spaces',
      { configurationSetName: 'my set' },
      'configurationSetName',
      /1 to 256/,
    ],
    [
      'five context pairs',
      { context: { a: '1', b: '2', c: '3', d: '4', e: '5' } },
      'context',
      /at most 4 pairs/,
    ],
    [
      'the reserved context key',
      { context: { mmsMessageId: 'x' } },
      'context',
      /reserved/,
    ],
    [
      'an idempotency key with a space',
      { idempotencyKey: 'a b' },
      'idempotencyKey',
      /no spaces/,
    ],
  ]

  for (const [name, overrides, field, message] of refusals) {
    scenario(`refuses ${name}`, async (scenario: StandardScenario) => {
      signInAs(scenario)
      const before = await db.mmsMessage.count()
      const attempt = sendMms({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'hi',
        ...overrides,
      } as never)
      await expect(attempt).rejects.toBeInstanceOf(FieldValidationError)
      const error = (await attempt.catch((e) => e)) as FieldValidationError
      expect(error.extensions.code).toBe('BAD_USER_INPUT')
      expect(error.fieldMessages[field].join(' ')).toMatch(message)
      expect(await db.mmsMessage.count()).toBe(before)
      expect(pinpoint.calls()).toHaveLength(0)
    })
  }

  scenario(
    'accepts a body of exactly 1600 characters',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const result = await sendMms({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'x'.repeat(1600),
      })
      expect(result.status).toBe('SENT')
    }
  )

  const mediaRefusals: [string, () => void, RegExp][] = [
    [
      'a missing object',
      () =>
        s3.on(HeadObjectCommand).rejects(
          Object.assign(new Error('NotFound'), {
            name: 'NotFound',
            $metadata: { httpStatusCode: 404 },
          })
        ),
      /There is no file at s3:\/\/mms-media-test\/uploads\/cat.png/,
    ],
    [
      'an object the service may not read',
      () =>
        s3.on(HeadObjectCommand).rejects(
          Object.assign(new Error('Forbidden'), {
            name: 'Forbidden',
            $metadata: { httpStatusCode: 403 },
          })
        ),
      /not allowed to read/,
    ],
    [
      'an unsupported type',
      () =>
        s3
          .on(HeadObjectCommand)
          .resolves({ ContentType: 'image/webp', ContentLength: 100 }),
      /image\/webp files cannot be sent/,
    ],
    [
      'an image one byte over 2 MB',
      () =>
        s3.on(HeadObjectCommand).resolves({
          ContentType: 'image/png',
          ContentLength: 2 * 1024 * 1024 + 1,
        }),
      /at most 2097152 bytes \(2 MB\)/,
    ],
    [
      'a video one byte over 600 KB',
      () =>
        s3.on(HeadObjectCommand).resolves({
          ContentType: 'video/mp4',
          ContentLength: 600 * 1024 + 1,
        }),
      /at most 614400 bytes \(600 KB\)/,
    ],
  ]

  for (const [name, arrange, message] of mediaRefusals) {
    scenario(`refuses ${name}`, async (scenario: StandardScenario) => {
      signInAs(scenario)
      arrange()
      const before = await db.mmsMessage.count()
      const error = await sendMms({
        destinationPhoneNumber: '+12065550123',
        mediaUrls: [IMAGE],
      }).catch((e: FieldValidationError) => e)
      expect(error).toBeInstanceOf(FieldValidationError)
      expect(
        (error as FieldValidationError).fieldMessages.mediaUrls.join(' ')
      ).toMatch(message)
      expect(await db.mmsMessage.count()).toBe(before)
      expect(pinpoint.calls()).toHaveLength(0)
    })
  }

  scenario(
    'accepts an image of exactly 2 MB',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      s3.on(HeadObjectCommand).resolves({
        ContentType: 'image/jpeg',
        ContentLength: 2 * 1024 * 1024,
      })
      const result = await sendMms({
        destinationPhoneNumber: '+12065550123',
        mediaUrls: [IMAGE],
      })
      expect(result.status).toBe('SENT')
    }
  )

  scenario(
    'says so, and records nothing, when S3 cannot be asked',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      s3.on(HeadObjectCommand).rejects(
        Object.assign(new Error('connect ECONNREFUSED'), {
          code: 'ECONNREFUSED',
        })
      )
      const before = await db.mmsMessage.count()
      await expect(
        sendMms({ destinationPhoneNumber: '+12065550123', mediaUrls: [IMAGE] })
      ).rejects.toThrow(
        'The media file could not be checked in S3 just now, so nothing was sent.'
      )
      expect(await db.mmsMessage.count()).toBe(before)
      expect(pinpoint.calls()).toHaveLength(0)
    }
  )
})

describe('idempotency keys', () => {
  scenario(
    'a repeat returns the first message and sends nothing',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const args = {
        destinationPhoneNumber: '+12065550123',
        messageBody: 'once',
        idempotencyKey: 'order-42',
      }
      const first = await sendMms(args)
      const again = await sendMms({
        ...args,
        destinationPhoneNumber: '+1 206 555 0123',
      })
      expect(again.id).toBe(first.id)
      expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(1)
      expect(
        await db.mmsMessage.count({ where: { idempotencyKey: 'order-42' } })
      ).toBe(1)
    }
  )

  scenario(
    'the same key with different content is refused',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const first = await sendMms({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'once',
        idempotencyKey: 'order-42',
      })
      await expect(
        sendMms({
          destinationPhoneNumber: '+12065550123',
          messageBody: 'twice',
          idempotencyKey: 'order-42',
        })
      ).rejects.toThrow(
        `This key was already used for a different request (message ${first.id})`
      )
      expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(1)
    }
  )

  scenario(
    'keys belong to their caller',
    async (scenario: StandardScenario) => {
      const args = {
        destinationPhoneNumber: '+12065550123',
        messageBody: 'hi',
        idempotencyKey: 'shared-key',
      }
      signInAs(scenario, 'alice')
      const alices = await sendMms(args)
      signInAs(scenario, 'bob')
      const bobs = await sendMms(args)
      expect(bobs.id).not.toBe(alices.id)
      expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(2)
    }
  )

  scenario(
    'concurrent repeats send once',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const args = {
        destinationPhoneNumber: '+12065550123',
        messageBody: 'once',
        idempotencyKey: 'burst',
      }
      const results = await Promise.all([
        sendMms(args),
        sendMms(args),
        sendMms(args),
      ])
      expect(new Set(results.map((r) => r.id)).size).toBe(1)
      expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(1)
    }
  )
})

describe('history', () => {
  scenario(
    'lists only the caller’s messages, newest first, a page at a time',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const page1 = await mmsMessages({ first: 2 })
      expect(page1.nodes.map((m) => m.id)).toEqual(['msg-a3', 'msg-a2'])
      expect(page1.pageInfo).toEqual({ hasNextPage: true, endCursor: 'msg-a2' })

      const page2 = await mmsMessages({
        first: 2,
        after: page1.pageInfo.endCursor,
      })
      expect(page2.nodes.map((m) => m.id)).toEqual(['msg-a1', 'msg-pending'])
      expect(page2.pageInfo.hasNextPage).toBe(false)
    }
  )

  scenario('filters by status', async (scenario: StandardScenario) => {
    signInAs(scenario)
    const failed = await mmsMessages({ first: 20, status: 'FAILED' })
    expect(failed.nodes.map((m) => m.id)).toEqual(['msg-a2'])
  })

  scenario(
    'refuses another user’s cursor and a page size out of range',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      await expect(
        mmsMessages({ first: 2, after: scenario.mmsMessage.bobs.id })
      ).rejects.toThrow('This cursor does not belong to your messages.')
      await expect(mmsMessages({ first: 0 })).rejects.toThrow(
        'Ask for 1 to 100 messages'
      )
      await expect(mmsMessages({ first: 101 })).rejects.toThrow(
        'Ask for 1 to 100 messages'
      )
    }
  )

  scenario(
    'a message is visible only to its owner',
    async (scenario: StandardScenario) => {
      signInAs(scenario, 'alice')
      expect((await mmsMessage({ id: 'msg-a1' })).id).toBe('msg-a1')
      expect(await mmsMessage({ id: scenario.mmsMessage.bobs.id })).toBeNull()
    }
  )

  scenario('requires a signed-in caller', async () => {
    mockCurrentUser(null)
    await expect(mmsMessages({ first: 5 })).rejects.toThrow(
      "You don't have permission"
    )
  })
})

describe('sendMms body length in code points', () => {
  scenario(
    'sends 1,600 emoji, which AWS counts as 1,600 characters',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const body = '😀'.repeat(1600)
      const result = await sendMms({
        destinationPhoneNumber: '+12065550123',
        messageBody: body,
      })
      expect(result.status).toBe('SENT')
      expect(result.messageBody).toBe(body)
      expect(
        pinpoint.commandCalls(SendMediaMessageCommand)[0].args[0].input
          .MessageBody
      ).toBe(body)
    }
  )

  scenario(
    'refuses the 1,601st emoji, recording nothing',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const before = await db.mmsMessage.count()
      const error = (await sendMms({
        destinationPhoneNumber: '+12065550123',
        messageBody: '😀'.repeat(1601),
      }).catch((e) => e)) as FieldValidationError
      expect(error).toBeInstanceOf(FieldValidationError)
      expect(error.fieldMessages).toEqual({
        messageBody: ['The message is 1601 characters; the limit is 1600.'],
      })
      expect(await db.mmsMessage.count()).toBe(before)
      expect(pinpoint.calls()).toHaveLength(0)
    }
  )
})
