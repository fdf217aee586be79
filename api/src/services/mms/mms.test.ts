import {
  ConflictException,
  DescribePhoneNumbersCommand,
  InternalServerException,
  PinpointSMSVoiceV2Client,
  ResourceNotFoundException,
  SendMediaMessageCommand,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
  AccessDeniedException,
  type PhoneNumberInformation,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import type { MmsMessage as MmsMessageRow } from '@prisma/client'
import { mockClient } from 'aws-sdk-client-mock'

import * as config from 'src/lib/config'
import { db } from 'src/lib/db'
import { FieldValidationError } from 'src/lib/fieldValidationError'
import { MMS_ERRORS } from 'src/lib/mmsErrors'
import { SendLimitError } from 'src/lib/sendLimits'
import { freezeClockAt } from 'src/lib/sendLimits/clock.fixtures'
import {
  createSendWorker,
  originationIdentityFor,
  type SendWorker,
} from 'src/lib/sendQueue'
import { CATCH_UP_MS } from 'src/lib/sendQueue/pacing'

import { MmsMessage, mmsMessage, mmsMessages, sendMms } from './mms'
import type { StandardScenario } from './mms.scenarios'

const pinpoint = mockClient(PinpointSMSVoiceV2Client)
const s3 = mockClient(S3Client)

// sendMms queues; a worker in this process sends, as in the api server, and
// sendMms waits for it (MMS_SEND_WAIT_MS, 3 s). The configuration is read
// once (mmsConfig), when the worker is made: a rate the tests need not wait
// for, and short timeouts. The SDK is mocked, so each SendMediaMessage call
// is one request, as the client makes (maxAttempts 1).
const ORIGINATION = '+18445550100'
Object.assign(process.env, {
  MMS_ORIGINATION_RATES: `${ORIGINATION}=1000`,
  MMS_WORKER_POLL_MS: '20',
  MMS_SEND_TIMEOUT_MS: '1000',
  MMS_CONNECT_TIMEOUT_MS: '500',
  MMS_QUEUE_LEASE_SECONDS: '5',
})
jest.setTimeout(30_000)

let worker: SendWorker
beforeAll(() => {
  worker = createSendWorker().start()
})
afterAll(async () => {
  await worker?.stop()
})

/** A number of the account as DescribePhoneNumbers describes it. */
const accountNumber = (
  phoneNumber: string,
  mmsPerSecond?: number
): PhoneNumberInformation => ({
  PhoneNumber: phoneNumber,
  PhoneNumberId: `phone-${phoneNumber.slice(1)}`,
  PhoneNumberArn: `arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-${phoneNumber.slice(1)}`,
  Status: 'ACTIVE',
  IsoCountryCode: 'US',
  MessageType: 'TRANSACTIONAL',
  NumberCapabilities: ['SMS', 'MMS'],
  NumberType: 'TOLL_FREE',
  MonthlyLeasingPrice: '2.00',
  TwoWayEnabled: false,
  SelfManagedOptOutsEnabled: false,
  OptOutListName: 'Default',
  DeletionProtectionEnabled: false,
  CreatedTimestamp: new Date(Date.UTC(2026, 0, 1)),
  ...(mmsPerSecond === undefined
    ? {}
    : { MessagingLimits: { RateLimits: { MMS: mmsPerSecond } } }),
})

// A second number whose limit AWS reports, for the pacing test. The rates
// are read from AWS once per 15 minutes, so every test answers alike.
const REPORTED = '+18445550111'
const REPORTED_MPS = 5
const PHONE_NUMBERS = [
  accountNumber(ORIGINATION),
  accountNumber(REPORTED, REPORTED_MPS),
]

/** The message once the queue is done with it (not QUEUED or SENDING). */
const settled = async (id: string, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const message = await db.mmsMessage.findUniqueOrThrow({ where: { id } })
    if (!['QUEUED', 'SENDING'].includes(message.status)) return message
    if (Date.now() > deadline) {
      throw new Error(`message ${id} still ${message.status}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const attemptsOf = (messageId: string) =>
  db.mmsAttempt.findMany({ where: { messageId }, orderBy: { number: 'asc' } })

// Node's timers count from the event loop's cached clock, so the worker can
// try a message a few ms before Date.now() reaches its slot.
const TIMER_SLACK_MS = 10

const BUCKET = 'mms-media-test' // api/jest.env.js
type Who = 'alice' | 'bob'

/** A key createMediaUpload gives the user: only they may send it. */
const uploadKeyOf = (scenario: StandardScenario, who: Who = 'alice') =>
  `uploads/${scenario.user[who].id}/0b6f4e2a-5c1d-4e8f-9a7b-3c2d1e0f9a8b/cat.png`
const imageOf = (scenario: StandardScenario, who: Who = 'alice') =>
  `s3://${BUCKET}/${uploadKeyOf(scenario, who)}`

/** The configuration with some values changed, for the test that calls it. */
const configureWith = (overrides: Partial<config.MmsConfig>) => {
  const actual = config.readMmsConfig()
  jest.spyOn(config, 'mmsConfig').mockReturnValue({ ...actual, ...overrides })
}

const signInAs = (scenario: StandardScenario, who: 'alice' | 'bob' = 'alice') =>
  mockCurrentUser({
    id: scenario.user[who].id,
    email: scenario.user[who].email,
    role: 'MEMBER',
    roles: ['MEMBER'],
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

afterEach(() => {
  jest.restoreAllMocks()
})

beforeEach(() => {
  pinpoint.reset()
  s3.reset()
  s3.on(HeadObjectCommand).resolves({
    ContentType: 'image/png',
    ContentLength: 50_000,
  })
  pinpoint.on(SendMediaMessageCommand).resolves({ MessageId: 'pinpoint-1' })
  pinpoint
    .on(DescribePhoneNumbersCommand)
    .resolves({ PhoneNumbers: PHONE_NUMBERS })
})

describe('sendMms', () => {
  scenario(
    'records, sends and returns the message (the guide call)',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const image = imageOf(scenario)
      const result = await sendMms({
        destinationPhoneNumber: '+1 (206) 555-0123',
        mediaUrls: [image],
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
      expect(result).toMatchObject({
        originationIdentity: ORIGINATION,
        nextAttemptAt: null,
        leaseOwner: null,
        leaseExpiresAt: null,
      })
      // Four hours in the queue at most (MMS_QUEUE_TTL_SECONDS's default).
      expect(
        result.expiresAt.getTime() - result.createdAt.getTime()
      ).toBeCloseTo(14_400_000, -3)
      expect((await attemptsOf(result.id)).map((a) => a.outcome)).toEqual([
        'ACCEPTED',
      ])
      expect(result.sentAt).toBeInstanceOf(Date)
      expect(JSON.parse(result.media)).toEqual([
        { url: image, contentType: 'image/png', sizeBytes: 50_000 },
      ])
      expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(1)
      expect(
        pinpoint.commandCalls(SendMediaMessageCommand)[0].args[0].input
      ).toEqual({
        DestinationPhoneNumber: '+12065550123',
        OriginationIdentity: '+18445550100',
        MessageBody: 'Your order shipped',
        MediaUrls: [image],
        Context: { mmsMessageId: result.id },
      })
      expect(s3.commandCalls(HeadObjectCommand)[0].args[0].input).toEqual({
        Bucket: BUCKET,
        Key: uploadKeyOf(scenario),
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
    'names the configured configuration set when the caller names none',
    async (scenario: StandardScenario) => {
      configureWith({ configurationSetName: 'mms-events' })
      signInAs(scenario)
      await sendMms({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'hi',
      })
      await sendMms({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'hi again',
        configurationSetName: 'other-events',
      })
      expect(
        pinpoint
          .commandCalls(SendMediaMessageCommand)
          .map((call) => call.args[0].input.ConfigurationSetName)
      ).toEqual(['mms-events', 'other-events'])
    }
  )

  scenario(
    'answers QUEUED at once when its slot is further off than it may wait, and the worker sends it at the slot',
    async (scenario: StandardScenario) => {
      const actual = config.readMmsConfig()
      configureWith({ queue: { ...actual.queue, sendWaitMs: 1_000 } })
      signInAs(scenario)
      // Messages already queued hold the identity's slots for 1.5 s.
      const firstFreeSlot = Date.now() + 1_500
      await db.originationPace.create({
        data: { identity: ORIGINATION, nextSlotAtMs: BigInt(firstFreeSlot) },
      })

      const started = Date.now()
      const answered = await sendMms({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'hi',
      })
      expect(Date.now() - started).toBeLessThan(1_000)
      expect(answered).toMatchObject({
        status: 'QUEUED',
        attemptCount: 0,
        providerMessageId: null,
      })
      expect(answered.nextAttemptAt).toEqual(new Date(firstFreeSlot))

      const message = await settled(answered.id)
      expect(message).toMatchObject({
        status: 'SENT',
        providerMessageId: 'pinpoint-1',
      })
      expect(message.sentAt.getTime()).toBeGreaterThanOrEqual(
        answered.nextAttemptAt.getTime() - TIMER_SLACK_MS
      )
    }
  )

  scenario(
    'records which API key sent the message',
    async (scenario: StandardScenario) => {
      mockCurrentUser({
        id: scenario.user.alice.id,
        email: scenario.user.alice.email,
        role: 'MEMBER',
        roles: ['MEMBER'],
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

  /** Fails the test if a message's error shows AWS's or Node's own text. */
  const expectNoLeak = (message: MmsMessageRow) => {
    expect(message.errorMessage).toBeTruthy()
    expect(message.errorMessage).not.toMatch(
      /raw AWS text|ECONN|127\.0\.0\.1|credentials from|Exception/
    )
  }

  describe('an error AWS answers for good ends the message after one request, with a stable code and no AWS text', () => {
    const cases: [string, () => Error, string][] = [
      [
        'ValidationException MEDIA_TYPE_NOT_SUPPORTED',
        () =>
          awsFault(ValidationException, 400, {
            Reason: 'MEDIA_TYPE_NOT_SUPPORTED',
          }),
        'MEDIA_TYPE_NOT_SUPPORTED',
      ],
      [
        'ValidationException MAXIMUM_SIZE_EXCEEDED',
        () =>
          awsFault(ValidationException, 400, {
            Reason: 'MAXIMUM_SIZE_EXCEEDED',
          }),
        'MEDIA_TOO_LARGE',
      ],
      [
        'ValidationException DESTINATION_COUNTRY_BLOCKED',
        () =>
          awsFault(ValidationException, 400, {
            Reason: 'DESTINATION_COUNTRY_BLOCKED',
          }),
        'DESTINATION_COUNTRY_BLOCKED',
      ],
      [
        'ValidationException PRICE_OVER_THRESHOLD',
        () =>
          awsFault(ValidationException, 400, {
            Reason: 'PRICE_OVER_THRESHOLD',
          }),
        'PRICE_OVER_THRESHOLD',
      ],
      [
        'ValidationException other',
        () =>
          awsFault(ValidationException, 400, { Reason: 'INVALID_PARAMETER' }),
        'INVALID_REQUEST',
      ],
      [
        'AccessDeniedException',
        () => awsFault(AccessDeniedException, 400),
        'PROVIDER_ACCESS_DENIED',
      ],
      [
        'ResourceNotFoundException phone-number',
        () =>
          awsFault(ResourceNotFoundException, 400, {
            ResourceType: 'phone-number',
          }),
        'ORIGINATION_NOT_FOUND',
      ],
      [
        'ResourceNotFoundException configuration-set',
        () =>
          awsFault(ResourceNotFoundException, 400, {
            ResourceType: 'configuration-set',
          }),
        'CONFIGURATION_SET_NOT_FOUND',
      ],
      [
        'ConflictException opted out',
        () =>
          awsFault(ConflictException, 400, {
            Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
          }),
        'DESTINATION_OPTED_OUT',
      ],
      [
        'ConflictException not verified',
        () =>
          awsFault(ConflictException, 400, {
            Reason: 'DESTINATION_PHONE_NUMBER_NOT_VERIFIED',
          }),
        'DESTINATION_NOT_VERIFIED',
      ],
      [
        'ConflictException capabilities',
        () =>
          awsFault(ConflictException, 400, {
            Reason: 'NUMBER_CAPABILITIES_MISMATCH',
          }),
        'ORIGINATION_NOT_MMS_CAPABLE',
      ],
      [
        'ConflictException not active',
        () =>
          awsFault(ConflictException, 400, { Reason: 'RESOURCE_NOT_ACTIVE' }),
        'ORIGINATION_NOT_ACTIVE',
      ],
      [
        'ServiceQuotaExceededException spend',
        () =>
          awsFault(ServiceQuotaExceededException, 400, {
            Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_MEDIA',
          }),
        'SPEND_LIMIT_REACHED',
      ],
      [
        'ServiceQuotaExceededException other quota',
        () =>
          awsFault(ServiceQuotaExceededException, 400, {
            Reason: 'PHONE_NUMBERS_PER_ACCOUNT',
          }),
        'PROVIDER_QUOTA_EXCEEDED',
      ],
    ]

    for (const [name, makeError, code] of cases) {
      scenario(name, async (scenario: StandardScenario) => {
        signInAs(scenario)
        pinpoint.on(SendMediaMessageCommand).rejects(makeError())
        const result = await sendMms({
          destinationPhoneNumber: '+12065550123',
          messageBody: 'hi',
        })
        expect(result).toMatchObject({
          status: 'FAILED',
          errorCode: code,
          errorMessage: MMS_ERRORS[code],
          providerMessageId: null,
          attemptCount: 1,
        })
        expectNoLeak(result)
        expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(1)
        const stored = await db.mmsMessage.findUnique({
          where: { id: result.id },
        })
        expect(stored).toMatchObject({ status: 'FAILED', errorCode: code })
        expect((await attemptsOf(result.id)).map((a) => a.outcome)).toEqual([
          'REJECTED',
        ])
      })
    }
  })

  describe('a request that may have reached AWS is never sent again: UNKNOWN after one request', () => {
    const cases: [string, () => Error][] = [
      [
        'timeout after sending',
        () =>
          Object.assign(new Error('request timed out'), {
            name: 'TimeoutError',
            code: 'ETIMEDOUT',
          }),
      ],
      [
        'connection reset',
        () =>
          Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      ],
    ]

    for (const [name, makeError] of cases) {
      scenario(name, async (scenario: StandardScenario) => {
        signInAs(scenario)
        pinpoint.on(SendMediaMessageCommand).rejects(makeError())
        const result = await sendMms({
          destinationPhoneNumber: '+12065550123',
          messageBody: 'hi',
        })
        expect(result).toMatchObject({
          status: 'UNKNOWN',
          errorCode: 'OUTCOME_UNKNOWN',
          providerMessageId: null,
          attemptCount: 1,
        })
        expectNoLeak(result)
        expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(1)
        expect((await attemptsOf(result.id)).map((a) => a.outcome)).toEqual([
          'NO_RESPONSE',
        ])
      })
    }
  })

  describe('a failure AWS certainly did not take goes back to the queue, up to MMS_SEND_MAX_ATTEMPTS (3), then FAILED', () => {
    const cases: [string, () => Error, string][] = [
      [
        'InternalServerException',
        () => awsFault(InternalServerException, 500),
        'PROVIDER_UNAVAILABLE',
      ],
      [
        'connection refused',
        () =>
          Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), {
            name: 'TimeoutError',
            code: 'ECONNREFUSED',
          }),
        'PROVIDER_UNREACHABLE',
      ],
      [
        'missing credentials',
        () =>
          Object.assign(
            new Error('Could not load credentials from any providers'),
            { name: 'CredentialsProviderError' }
          ),
        'PROVIDER_CREDENTIALS_MISSING',
      ],
    ]

    for (const [name, makeError, code] of cases) {
      scenario(name, async (scenario: StandardScenario) => {
        signInAs(scenario)
        pinpoint.on(SendMediaMessageCommand).rejects(makeError())
        const { id } = await sendMms({
          destinationPhoneNumber: '+12065550123',
          messageBody: 'hi',
        })
        const message = await settled(id)

        expect(message).toMatchObject({
          status: 'FAILED',
          errorCode: code,
          errorMessage: MMS_ERRORS[code],
          providerMessageId: null,
          attemptCount: 3,
        })
        expectNoLeak(message)
        const calls = pinpoint.commandCalls(SendMediaMessageCommand)
        expect(calls).toHaveLength(3)
        // The same message each time, not a new one.
        for (const call of calls) {
          expect(call.args[0].input.Context).toEqual({ mmsMessageId: id })
        }
        const attempts = await attemptsOf(id)
        expect(attempts.map((a) => a.outcome)).toEqual([
          'RETRYABLE',
          'RETRYABLE',
          'RETRYABLE',
        ])
        // Each retry waited its backoff: at least half of 1 s, then of 2 s.
        const gaps = attempts
          .slice(1)
          .map(
            (a, i) => a.startedAt.getTime() - attempts[i].startedAt.getTime()
          )
        expect(gaps[0]).toBeGreaterThanOrEqual(500 - TIMER_SLACK_MS)
        expect(gaps[1]).toBeGreaterThanOrEqual(1_000 - TIMER_SLACK_MS)
      })
    }

    scenario(
      'a retry that then succeeds ends SENT, each attempt recorded',
      async (scenario: StandardScenario) => {
        signInAs(scenario)
        pinpoint
          .on(SendMediaMessageCommand)
          .rejectsOnce(awsFault(InternalServerException, 500))
          .resolves({ MessageId: 'pinpoint-2' })
        const { id } = await sendMms({
          destinationPhoneNumber: '+12065550123',
          messageBody: 'hi',
        })
        expect(await settled(id)).toMatchObject({
          status: 'SENT',
          providerMessageId: 'pinpoint-2',
          errorCode: null,
          attemptCount: 2,
        })
        expect((await attemptsOf(id)).map((a) => a.outcome)).toEqual([
          'RETRYABLE',
          'ACCEPTED',
        ])
      }
    )
  })

  describe('throttling', () => {
    const throttled = () => awsFault(ThrottlingException, 400)

    scenario(
      'a throttled attempt goes back to the queue at a later slot and is sent then',
      async (scenario: StandardScenario) => {
        const actual = config.readMmsConfig()
        configureWith({ queue: { ...actual.queue, sendWaitMs: 300 } })
        signInAs(scenario)
        pinpoint
          .on(SendMediaMessageCommand)
          .rejectsOnce(throttled())
          .resolves({ MessageId: 'pinpoint-3' })

        const answered = await sendMms({
          destinationPhoneNumber: '+12065550123',
          messageBody: 'hi',
        })
        // Its next slot is past the 300 ms sendMms waits: answered QUEUED.
        expect(answered).toMatchObject({
          status: 'QUEUED',
          attemptCount: 1,
          errorCode: null,
          providerMessageId: null,
        })
        const [first] = await attemptsOf(answered.id)
        expect(first.outcome).toBe('THROTTLED')
        expect(answered.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(
          first.startedAt.getTime() + 500
        )

        const message = await settled(answered.id)
        expect(message).toMatchObject({
          status: 'SENT',
          providerMessageId: 'pinpoint-3',
          attemptCount: 2,
        })
        const attempts = await attemptsOf(answered.id)
        expect(attempts.map((a) => a.outcome)).toEqual([
          'THROTTLED',
          'ACCEPTED',
        ])
        expect(attempts[1].startedAt.getTime()).toBeGreaterThanOrEqual(
          answered.nextAttemptAt.getTime() - TIMER_SLACK_MS
        )
        const calls = pinpoint.commandCalls(SendMediaMessageCommand)
        expect(calls).toHaveLength(2)
        expect(calls[1].args[0].input).toEqual(calls[0].args[0].input)
      }
    )

    scenario(
      'throttled attempts do not use up the attempts: a message throttled past MMS_SEND_MAX_ATTEMPTS is still sent',
      async (scenario: StandardScenario) => {
        signInAs(scenario)
        pinpoint
          .on(SendMediaMessageCommand)
          .rejectsOnce(throttled())
          .rejectsOnce(throttled())
          .rejectsOnce(throttled())
          .resolves({ MessageId: 'pinpoint-4' })
        const { id } = await sendMms({
          destinationPhoneNumber: '+12065550123',
          messageBody: 'hi',
        })
        expect(await settled(id)).toMatchObject({
          status: 'SENT',
          providerMessageId: 'pinpoint-4',
          attemptCount: 4,
        })
        expect((await attemptsOf(id)).map((a) => a.outcome)).toEqual([
          'THROTTLED',
          'THROTTLED',
          'THROTTLED',
          'ACCEPTED',
        ])
      }
    )

    scenario(
      'a message throttled until its time in the queue runs out ends FAILED, THROTTLED',
      async (scenario: StandardScenario) => {
        const actual = config.readMmsConfig()
        configureWith({ queue: { ...actual.queue, ttlSeconds: 1 } })
        signInAs(scenario)
        pinpoint.on(SendMediaMessageCommand).rejects(throttled())

        const { id } = await sendMms({
          destinationPhoneNumber: '+12065550123',
          messageBody: 'hi',
        })
        const message = await settled(id)

        expect(message).toMatchObject({
          status: 'FAILED',
          errorCode: 'THROTTLED',
          errorMessage: MMS_ERRORS.THROTTLED,
          providerMessageId: null,
        })
        // Throttled retries come 0.5 to 1 s apart: one or two fit in 1 s.
        const attempts = await attemptsOf(id)
        expect(attempts.length).toBeGreaterThanOrEqual(1)
        expect(attempts.length).toBeLessThanOrEqual(2)
        expect(attempts.every((a) => a.outcome === 'THROTTLED')).toBe(true)
        expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(
          attempts.length
        )
        expect(message.attemptCount).toBe(attempts.length)
      }
    )
  })

  scenario(
    'paces an identity at the MMS rate AWS reports for it',
    async (scenario: StandardScenario) => {
      const actual = config.readMmsConfig()
      configureWith({ originationIdentities: [ORIGINATION, REPORTED] })
      signInAs(scenario)
      // A destination kept to the second identity, whose rate nobody configured.
      const destination = Array.from(
        { length: 20 },
        (_, i) => `+1206555${String(100 + i).padStart(4, '0')}`
      ).find(
        (number) =>
          originationIdentityFor([ORIGINATION, REPORTED], number) === REPORTED
      )
      expect(destination).toBeDefined()
      expect(actual.originationRates).toEqual({ [ORIGINATION]: 1000 })

      const answers = await Promise.all(
        [1, 2, 3].map((n) =>
          sendMms({ destinationPhoneNumber: destination, messageBody: `n${n}` })
        )
      )
      const messages = await Promise.all(answers.map((m) => settled(m.id)))

      expect(messages.map((m) => [m.status, m.originationIdentity])).toEqual(
        Array(3).fill(['SENT', REPORTED])
      )
      // 5 MMS/s: slots 205 ms apart (1/5 s and 2.5 % margin); a send may go
      // out up to CATCH_UP_MS after its slot without delaying the next.
      const slots = (await Promise.all(messages.map((m) => attemptsOf(m.id))))
        .map(([attempt]) => attempt.startedAt.getTime())
        .sort((a, b) => a - b)
      expect(slots[1] - slots[0]).toBeGreaterThanOrEqual(205 - CATCH_UP_MS)
      expect(slots[2] - slots[1]).toBeGreaterThanOrEqual(205 - CATCH_UP_MS)
      expect(slots[2] - slots[0]).toBeGreaterThanOrEqual(410 - CATCH_UP_MS)
      for (const call of pinpoint.commandCalls(SendMediaMessageCommand)) {
        expect(call.args[0].input).toMatchObject({
          OriginationIdentity: REPORTED,
          DestinationPhoneNumber: destination,
        })
      }
    }
  )
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
      {
        mediaUrls: [
          `s3://${BUCKET}/uploads/1/a/cat.png`,
          `s3://${BUCKET}/uploads/1/b/cat.png`,
        ],
      },
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
      /^There is no file at s3:\/\/mms-media-test\/uploads\/\d+\/[\w-]+\/cat\.png\.$/,
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
        mediaUrls: [imageOf(scenario)],
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
        mediaUrls: [imageOf(scenario)],
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
        sendMms({
          destinationPhoneNumber: '+12065550123',
          mediaUrls: [imageOf(scenario)],
        })
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

/** What a sendMms call was refused with; fails the test if it was not refused. */
const refusalOf = async (
  args: Parameters<typeof sendMms>[0]
): Promise<SendLimitError & FieldValidationError> => {
  const outcome = await sendMms(args).then(
    (message) => message,
    (error) => error
  )
  if (!(outcome instanceof Error)) {
    throw new Error(`expected a refusal, got message ${outcome.id}`)
  }
  return outcome as SendLimitError & FieldValidationError
}

const hello = (n: number | string) => ({
  destinationPhoneNumber: '+12065550123',
  messageBody: `Hello ${n}`,
})

/** Sends `count` messages one after the other, expecting each to be sent. */
const sendSeveral = async (count: number) => {
  for (let i = 0; i < count; i++) {
    expect((await sendMms(hello(i))).status).toBe('SENT')
  }
}

describe('sending limits', () => {
  // 29.75 s before the next minute; 13 h 44 min 29.75 s before midnight UTC.
  const NOW = '2026-11-23T10:15:30.250Z'
  const NEXT_MINUTE = '2026-11-23T10:16:00.000Z'
  const MIDNIGHT = '2026-11-24T00:00:00.000Z'

  beforeEach(() => {
    freezeClockAt(NOW)
  })

  afterEach(() => {
    jest.useRealTimers()
  })

  const limitAlice = (
    scenario: StandardScenario,
    data: { sendRatePerMinute?: number; dailySendQuota?: number }
  ) => db.user.update({ where: { id: scenario.user.alice.id }, data })

  const messagesOf = (scenario: StandardScenario, who: Who = 'alice') =>
    db.mmsMessage.count({ where: { userId: scenario.user[who].id } })

  scenario(
    'sends exactly the user’s own rate in a minute; the next is refused with when to retry, and nothing is recorded or sent',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      await limitAlice(scenario, { sendRatePerMinute: 3 })
      const before = await messagesOf(scenario)

      await sendSeveral(3)
      const refused = await refusalOf(hello('one too many'))

      expect(refused).toBeInstanceOf(SendLimitError)
      expect(refused.extensions).toEqual({
        code: 'RATE_LIMITED',
        scope: 'USER',
        limit: 3,
        retryAfterSeconds: 30,
        retryAt: NEXT_MINUTE,
      })
      expect(refused.message).toBe(
        `Sending rate reached: your account may send 3 messages a minute. Nothing was sent. Try again in 30 seconds, after ${NEXT_MINUTE}.`
      )
      expect(await messagesOf(scenario)).toBe(before + 3)
      expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(3)
      expect(
        await db.mmsMessage.count({
          where: { messageBody: 'Hello one too many' },
        })
      ).toBe(0)

      jest.setSystemTime(new Date(Date.parse(NEXT_MINUTE) - 1))
      expect((await refusalOf(hello('still early'))).extensions.code).toBe(
        'RATE_LIMITED'
      )
      jest.setSystemTime(new Date(NEXT_MINUTE))
      expect((await sendMms(hello('next minute'))).status).toBe('SENT')
      expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(4)
    }
  )

  scenario(
    'sends exactly the daily quota; then refuses until midnight UTC',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      await limitAlice(scenario, { dailySendQuota: 2 })

      await sendSeveral(2)
      jest.setSystemTime(new Date('2026-11-23T23:59:59.000Z'))
      const refused = await refusalOf(hello('tonight'))

      expect(refused.extensions).toEqual({
        code: 'QUOTA_EXCEEDED',
        scope: 'USER',
        limit: 2,
        retryAfterSeconds: 1,
        retryAt: MIDNIGHT,
      })
      expect(refused.message).toBe(
        `Daily quota reached: your account may send 2 messages a day (days start at midnight UTC). Nothing was sent. Try again in 1 second, after ${MIDNIGHT}.`
      )
      expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(2)

      jest.setSystemTime(new Date(MIDNIGHT))
      expect((await sendMms(hello('tomorrow'))).status).toBe('SENT')
    }
  )

  scenario(
    'a quota reached early in the day says how long until midnight',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      await limitAlice(scenario, { dailySendQuota: 1 })
      await sendSeveral(1)
      expect((await refusalOf(hello('again'))).extensions).toMatchObject({
        code: 'QUOTA_EXCEEDED',
        retryAfterSeconds: 49_470,
        retryAt: MIDNIGHT,
      })
    }
  )

  scenario(
    'the configured default applies to a user without an override; an override replaces it for that user only',
    async (scenario: StandardScenario) => {
      const defaults = config.readMmsConfig().sendLimits
      configureWith({ sendLimits: { ...defaults, userRatePerMinute: 2 } })
      await limitAlice(scenario, { sendRatePerMinute: 4 })

      signInAs(scenario, 'bob')
      await sendSeveral(2)
      expect((await refusalOf(hello('bob 3'))).extensions).toMatchObject({
        code: 'RATE_LIMITED',
        limit: 2,
      })

      signInAs(scenario, 'alice')
      await sendSeveral(4)
      expect((await refusalOf(hello('alice 5'))).extensions).toMatchObject({
        code: 'RATE_LIMITED',
        limit: 4,
      })
    }
  )

  scenario(
    'an API key is held to its own rate, while the web app still sends',
    async (scenario: StandardScenario) => {
      const defaults = config.readMmsConfig().sendLimits
      configureWith({ sendLimits: { ...defaults, apiKeyRatePerMinute: 2 } })
      const withKey = () =>
        mockCurrentUser({
          id: scenario.user.alice.id,
          email: scenario.user.alice.email,
          role: 'MEMBER',
          roles: ['MEMBER'],
          apiKeyId: scenario.apiKey.alicesKey.id,
        })

      withKey()
      await sendSeveral(2)
      const refused = await refusalOf(hello('key 3'))
      expect(refused.extensions).toEqual({
        code: 'RATE_LIMITED',
        scope: 'API_KEY',
        limit: 2,
        retryAfterSeconds: 30,
        retryAt: NEXT_MINUTE,
      })
      expect(refused.message).toMatch(
        /^Sending rate reached: this API key may send 2 messages a minute\./
      )

      signInAs(scenario)
      expect((await sendMms(hello('from the web'))).status).toBe('SENT')
      expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(3)
    }
  )

  scenario(
    'an API key is held to its own daily quota',
    async (scenario: StandardScenario) => {
      const defaults = config.readMmsConfig().sendLimits
      configureWith({ sendLimits: { ...defaults, apiKeyDailyQuota: 1 } })
      mockCurrentUser({
        id: scenario.user.alice.id,
        email: scenario.user.alice.email,
        role: 'MEMBER',
        roles: ['MEMBER'],
        apiKeyId: scenario.apiKey.alicesKey.id,
      })
      const before = await messagesOf(scenario)

      await sendSeveral(1)
      expect((await refusalOf(hello('key 2'))).extensions).toEqual({
        code: 'QUOTA_EXCEEDED',
        scope: 'API_KEY',
        limit: 1,
        retryAfterSeconds: 49_470,
        retryAt: MIDNIGHT,
      })
      expect(await messagesOf(scenario)).toBe(before + 1)
      expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(1)
    }
  )

  scenario(
    'invalid input is refused as invalid, even at the limit, and uses up nothing',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      await limitAlice(scenario, { sendRatePerMinute: 1 })
      const invalid = { ...hello('bad'), timeToLive: 4 }
      s3.on(HeadObjectCommand).rejects(
        Object.assign(new Error('NotFound'), {
          name: 'NotFound',
          $metadata: { httpStatusCode: 404 },
        })
      )
      const missingMedia = {
        ...hello('missing'),
        mediaUrls: [imageOf(scenario)],
      }

      expect((await refusalOf(invalid)).extensions.code).toBe('BAD_USER_INPUT')
      expect((await refusalOf(missingMedia)).extensions.code).toBe(
        'BAD_USER_INPUT'
      )
      await sendSeveral(1)
      expect((await refusalOf(invalid)).extensions.code).toBe('BAD_USER_INPUT')
      expect((await refusalOf(hello('valid'))).extensions.code).toBe(
        'RATE_LIMITED'
      )
    }
  )

  scenario(
    'a repeat under an idempotency key returns the first message and uses up nothing, even at the limit',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      await limitAlice(scenario, { sendRatePerMinute: 2 })
      const once = { ...hello('once'), idempotencyKey: 'order-42' }

      const first = await sendMms(once)
      expect((await sendMms(once)).id).toBe(first.id)
      await sendSeveral(1)
      expect((await sendMms(once)).id).toBe(first.id)
      expect((await refusalOf(hello('third'))).extensions.code).toBe(
        'RATE_LIMITED'
      )
      expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(2)
    }
  )

  scenario(
    'concurrent repeats under one key use up one send: the losers’ failed inserts count nothing',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      await limitAlice(scenario, { sendRatePerMinute: 2 })
      const burst = { ...hello('burst'), idempotencyKey: 'burst' }

      const results = await Promise.all([
        sendMms(burst),
        sendMms(burst),
        sendMms(burst),
      ])
      expect(new Set(results.map((r) => r.id)).size).toBe(1)
      const counters = await db.sendCounter.findMany()
      expect(counters.map((c) => c.count)).toEqual([1, 1])

      await sendSeveral(1)
      expect((await refusalOf(hello('third'))).extensions.code).toBe(
        'RATE_LIMITED'
      )
    }
  )
})

describe('destination countries', () => {
  scenario(
    'refuses a UK number beside the number, naming its country and the allowed ones, before anything is recorded',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const before = await db.mmsMessage.count()
      const error = await refusalOf({
        destinationPhoneNumber: '+44 7400 123456',
        messageBody: 'Hello London',
      })

      expect(error).toBeInstanceOf(FieldValidationError)
      expect(error.extensions.code).toBe('BAD_USER_INPUT')
      expect(error.fieldMessages).toEqual({
        destinationPhoneNumber: [
          'This number is in United Kingdom (GB); messages can be sent only to United States (US), Canada (CA).',
        ],
      })
      expect(await db.mmsMessage.count()).toBe(before)
      expect(await db.sendCounter.count()).toBe(0)
      expect(pinpoint.calls()).toHaveLength(0)
    }
  )

  scenario(
    'sends to the US and to Canada',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      for (const number of ['+12065550123', '+16045550123', '+14165550123']) {
        const result = await sendMms({
          destinationPhoneNumber: number,
          messageBody: 'Hello',
        })
        expect(result).toMatchObject({
          status: 'SENT',
          destinationPhoneNumber: number,
        })
      }
      expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(3)
    }
  )

  scenario(
    'follows MMS_ALLOWED_COUNTRIES',
    async (scenario: StandardScenario) => {
      configureWith({ allowedCountries: ['US'] })
      signInAs(scenario)
      const error = await refusalOf({
        destinationPhoneNumber: '+16045550123',
        messageBody: 'Hello Vancouver',
      })
      expect(error.fieldMessages.destinationPhoneNumber).toEqual([
        'This number is in Canada (CA); messages can be sent only to United States (US).',
      ])
      expect(pinpoint.calls()).toHaveLength(0)
    }
  )

  scenario(
    'reports the country with every other field error at once',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const error = await refusalOf({
        destinationPhoneNumber: '+447400123456',
        messageBody: 'Hello',
        timeToLive: 4,
      })
      expect(Object.keys(error.fieldMessages).sort()).toEqual([
        'destinationPhoneNumber',
        'timeToLive',
      ])
    }
  )
})

describe('media ownership', () => {
  const notFound = () =>
    Object.assign(new Error('NotFound'), {
      name: 'NotFound',
      $metadata: { httpStatusCode: 404 },
    })

  /** The refusal with the URI taken out, to compare two answers. */
  const answerTo = async (uri: string) => {
    const error = await refusalOf({
      destinationPhoneNumber: '+12065550123',
      mediaUrls: [uri],
    })
    expect(error).toBeInstanceOf(FieldValidationError)
    const blank = (text: string) => text.split(uri).join('<uri>')
    return {
      code: error.extensions.code,
      message: blank(error.message),
      fieldMessages: JSON.parse(blank(JSON.stringify(error.fieldMessages))),
    }
  }

  scenario(
    'another user’s upload gets exactly the answer a missing file gets, and S3 is never asked about it',
    async (scenario: StandardScenario) => {
      signInAs(scenario, 'alice')
      const before = await db.mmsMessage.count()

      const foreign = await answerTo(imageOf(scenario, 'bob'))
      expect(s3.commandCalls(HeadObjectCommand)).toHaveLength(0)

      s3.on(HeadObjectCommand).rejects(notFound())
      const missing = await answerTo(imageOf(scenario, 'alice'))
      expect(s3.commandCalls(HeadObjectCommand)).toHaveLength(1)

      expect(foreign).toEqual(missing)
      expect(foreign).toEqual({
        code: 'BAD_USER_INPUT',
        message: 'mediaUrls: There is no file at <uri>.',
        fieldMessages: { mediaUrls: ['There is no file at <uri>.'] },
      })
      expect(await db.mmsMessage.count()).toBe(before)
      expect(pinpoint.calls()).toHaveLength(0)
    }
  )

  scenario(
    'keys outside the user’s own folder are not theirs',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const alice = scenario.user.alice.id
      for (const key of [
        `uploads/${alice}0/x/cat.png`,
        `uploads/${alice}-x/cat.png`,
        'uploads/cat.png',
        `photos/uploads/${alice}/cat.png`,
        'samples/sample.png',
      ]) {
        const uri = `s3://${BUCKET}/${key}`
        expect(
          (await refusalOf({ ...hello(key), mediaUrls: [uri] })).fieldMessages
        ).toEqual({ mediaUrls: [`There is no file at ${uri}.`] })
      }
      expect(s3.commandCalls(HeadObjectCommand)).toHaveLength(0)
    }
  )

  scenario(
    'refuses "." and ".." and empty path segments, which local S3 servers resolve, without asking S3',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const own = `uploads/${scenario.user.alice.id}`
      const bob = scenario.user.bob.id
      const cases: [string, RegExp][] = [
        [
          `${own}/../${bob}/x/cat.png`,
          /may not contain "\." or "\.\." path segments/,
        ],
        [`${own}/./cat.png`, /may not contain "\." or "\.\." path segments/],
        [`${own}//cat.png`, /may not start or end with "\/" or contain "\/\/"/],
        [`${own}/x/`, /may not start or end with "\/"/],
        [`/${own}/cat.png`, /may not start or end with "\/"/],
      ]
      for (const [key, message] of cases) {
        const error = await refusalOf({
          ...hello(key),
          mediaUrls: [`s3://${BUCKET}/${key}`],
        })
        expect(error.fieldMessages.mediaUrls).toEqual([
          expect.stringMatching(message),
        ])
      }
      expect(s3.commandCalls(HeadObjectCommand)).toHaveLength(0)
      expect(pinpoint.calls()).toHaveLength(0)
    }
  )

  scenario(
    'sends an object under a shared prefix',
    async (scenario: StandardScenario) => {
      configureWith({ sharedMediaPrefixes: ['samples/'] })
      signInAs(scenario, 'bob')
      const result = await sendMms({
        destinationPhoneNumber: '+12065550123',
        mediaUrls: [`s3://${BUCKET}/samples/sample.png`],
      })
      expect(result.status).toBe('SENT')
      expect(s3.commandCalls(HeadObjectCommand)[0].args[0].input).toEqual({
        Bucket: BUCKET,
        Key: 'samples/sample.png',
      })
    }
  )

  scenario(
    'gives preview links only for media the caller may use',
    async (scenario: StandardScenario) => {
      configureWith({ sharedMediaPrefixes: ['samples/'] })
      signInAs(scenario)
      const media = [
        imageOf(scenario, 'alice'),
        imageOf(scenario, 'bob'),
        `s3://${BUCKET}/samples/sample.png`,
        `s3://${BUCKET}/uploads/${scenario.user.alice.id}/../${scenario.user.bob.id}/cat.png`,
        `s3://other-bucket/${uploadKeyOf(scenario, 'alice')}`,
      ].map((url) => ({ url, contentType: 'image/png', sizeBytes: 1 }))
      const row = await db.mmsMessage.update({
        where: { id: scenario.mmsMessage.aliceOldest.id },
        data: { media: JSON.stringify(media) },
      })

      const resolved = (await (
        MmsMessage.media as (...args: unknown[]) => unknown
      )({}, { root: row })) as { url: string; previewUrl: string | null }[]

      const previews = resolved.map((m) => m.previewUrl)
      expect(previews[0]).toContain(
        `/${BUCKET}/${uploadKeyOf(scenario, 'alice')}?`
      )
      expect(previews[0]).toContain('X-Amz-Signature=')
      expect(previews[2]).toContain(`/${BUCKET}/samples/sample.png?`)
      expect([previews[1], previews[3], previews[4]]).toEqual([
        null,
        null,
        null,
      ])
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
