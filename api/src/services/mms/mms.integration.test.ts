import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'

import { db } from 'src/lib/db'
import { FieldValidationError } from 'src/lib/fieldValidationError'
import { createS3Client, lookUpMediaObject } from 'src/lib/s3'
import {
  announceQueued,
  createSendWorker,
  type SendWorker,
} from 'src/lib/sendQueue'
import {
  startSandboxProcess,
  type SandboxProcess,
} from 'src/lib/testing/sandboxProcess.fixtures'

import { sendMms } from './mms'
import type { StandardScenario } from './mms.integration.scenarios'

// The real SDK clients over HTTP to the local Pinpoint sandbox and local S3,
// configured only through the SDK's standard endpoint variables.
jest.setTimeout(60_000)

const BUCKET = 'mms-media-test'
const MPS = 3
const TIMEOUT_MS = 1500
let sandbox: SandboxProcess
let worker: SendWorker

interface InboxMessage {
  messageId: string
  destinationPhoneNumber: string
  media: { uri: string; contentType: string }[]
  context: Record<string, string>
  status: string
}
interface Stats {
  requests: number
  accepted: number
  throttled: number
  injectedErrors: number
  hung: number
}
const inbox = async () =>
  (
    await sandbox.control<{ messages: InboxMessage[] }>(
      'GET',
      '/_sandbox/inbox.json'
    )
  ).messages
const stats = () => sandbox.control<Stats>('GET', '/_sandbox/stats')

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64'
)
const upload = (key: string, body: Buffer, contentType: string) =>
  createS3Client('us-east-1').send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: key,
      Body: body,
      ContentType: contentType,
    })
  )

beforeAll(async () => {
  sandbox = await startSandboxProcess({
    bucket: BUCKET,
    originationIdentity: '+18445550100',
    messagesPerSecond: MPS,
  })
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: sandbox.pinpointEndpoint,
    AWS_ENDPOINT_URL_S3: sandbox.s3Endpoint,
    MMS_SEND_MAX_ATTEMPTS: '3',
    MMS_SEND_TIMEOUT_MS: String(TIMEOUT_MS),
    MMS_CONNECT_TIMEOUT_MS: '500',
    MMS_QUEUE_LEASE_SECONDS: '5',
    MMS_WORKER_POLL_MS: '50',
    MMS_ORIGINATION_RATES: `+18445550100=${MPS}`,
    MMS_SHARED_MEDIA_PREFIXES: 'samples/',
  })
  // The send queue's worker runs in this process, as in the api server.
  worker = createSendWorker().start()
})

afterAll(async () => {
  await worker?.stop()
  await sandbox?.stop()
})

/** The message once the queue is done with it (not QUEUED or SENDING). */
const settled = async (id: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const message = await db.mmsMessage.findUniqueOrThrow({ where: { id } })
    if (!['QUEUED', 'SENDING'].includes(message.status)) return message
    if (Date.now() > deadline) {
      throw new Error(`message ${id} still ${message.status}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

beforeEach(async () => {
  await sandbox.control('POST', '/_sandbox/reset')
  await sandbox.control('DELETE', '/_sandbox/inbox')
})

const signIn = (scenario: StandardScenario) =>
  mockCurrentUser({
    id: scenario.user.alice.id,
    email: scenario.user.alice.email,
    role: 'MEMBER',
    roles: ['MEMBER'],
  })

/** Where createMediaUpload puts the user's file `name`. */
const uploadKey = (
  scenario: StandardScenario,
  name: string,
  who: 'alice' | 'bob' = 'alice'
) =>
  `uploads/${scenario.user[who].id}/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/${name}`

describe('sending through the local sandbox', () => {
  scenario(
    'a send lands in the inbox with its media',
    async (scenario: StandardScenario) => {
      signIn(scenario)
      const key = uploadKey(scenario, 'cat.png')
      await upload(key, PNG, 'image/png')
      const message = await sendMms({
        destinationPhoneNumber: '+14254147755',
        mediaUrls: [`s3://${BUCKET}/${key}`],
        messageBody: 'A cat',
      })

      expect(message).toMatchObject({ status: 'SENT', attemptCount: 1 })
      const [received] = await inbox()
      expect(received).toMatchObject({
        messageId: message.providerMessageId,
        destinationPhoneNumber: '+14254147755',
        media: [{ uri: `s3://${BUCKET}/${key}`, contentType: 'image/png' }],
        context: { mmsMessageId: message.id },
        status: 'DELIVERED',
      })
    }
  )

  scenario(
    'the failure simulator number is accepted, then fails on the handset',
    async (scenario: StandardScenario) => {
      signIn(scenario)
      const message = await sendMms({
        destinationPhoneNumber: '+14254147167',
        messageBody: 'x',
      })
      expect(message.status).toBe('SENT')
      const [received] = await inbox()
      expect(received).toMatchObject({
        messageId: message.providerMessageId,
        status: 'FAILED',
      })
    }
  )

  scenario(
    'an opted-out number is refused and recorded as failed',
    async (scenario: StandardScenario) => {
      signIn(scenario)
      const message = await sendMms({
        destinationPhoneNumber: '+14254147000',
        messageBody: 'x',
      })
      expect(message).toMatchObject({
        status: 'FAILED',
        errorCode: 'DESTINATION_OPTED_OUT',
        attemptCount: 1,
      })
      expect(await inbox()).toHaveLength(0)
    }
  )

  scenario(
    'a field the sandbox rejects ends as a mapped failure',
    async (scenario: StandardScenario) => {
      signIn(scenario)
      const message = await sendMms({
        destinationPhoneNumber: '+14254147755',
        messageBody: 'x',
        configurationSetName: 'no-such-configuration-set',
      })
      expect(message).toMatchObject({
        status: 'FAILED',
        errorCode: 'CONFIGURATION_SET_NOT_FOUND',
      })
      expect(message.errorMessage).not.toMatch(/Exception|no-such/)
    }
  )

  scenario(
    'a missing media object is refused before anything is recorded',
    async (scenario: StandardScenario) => {
      signIn(scenario)
      const before = await db.mmsMessage.count()
      const error = await sendMms({
        destinationPhoneNumber: '+14254147755',
        mediaUrls: [`s3://${BUCKET}/${uploadKey(scenario, 'missing.png')}`],
      }).catch((e) => e)
      expect(error).toBeInstanceOf(FieldValidationError)
      expect(error.fieldMessages.mediaUrls[0]).toMatch(/There is no file at/)
      expect(await db.mmsMessage.count()).toBe(before)
      expect((await stats()).requests).toBe(0)
    }
  )

  scenario(
    'a media object that is too large is refused before anything is recorded',
    async (scenario: StandardScenario) => {
      signIn(scenario)
      const key = uploadKey(scenario, 'huge.png')
      await upload(key, Buffer.alloc(2 * 1024 * 1024 + 1, 1), 'image/png')
      const error = await sendMms({
        destinationPhoneNumber: '+14254147755',
        mediaUrls: [`s3://${BUCKET}/${key}`],
      }).catch((e) => e)
      expect(error).toBeInstanceOf(FieldValidationError)
      expect(error.fieldMessages.mediaUrls[0]).toMatch(
        /at most 2097152 bytes \(2 MB\)/
      )
      expect((await stats()).requests).toBe(0)
    }
  )

  scenario(
    'media removed after the check is refused by the sandbox and recorded as failed',
    async (scenario: StandardScenario) => {
      const key = uploadKey(scenario, 'gone.png')
      await upload(key, PNG, 'image/png')
      await db.mmsMessage.update({
        where: { id: scenario.mmsMessage.alicePending.id },
        data: {
          nextAttemptAt: new Date(),
          media: JSON.stringify([
            {
              url: `s3://${BUCKET}/${key}`,
              contentType: 'image/png',
              sizeBytes: PNG.length,
            },
          ]),
          context: null,
        },
      })
      await createS3Client('us-east-1').send(
        new DeleteObjectCommand({ Bucket: BUCKET, Key: key })
      )

      announceQueued()
      const message = await settled(scenario.mmsMessage.alicePending.id)
      expect(message).toMatchObject({
        status: 'FAILED',
        errorCode: 'MEDIA_NOT_ACCESSIBLE',
      })
    }
  )

  scenario(
    'another user’s upload, which exists, is answered as a missing file',
    async (scenario: StandardScenario) => {
      signIn(scenario)
      const bobs = `s3://${BUCKET}/${uploadKey(scenario, 'cat.png', 'bob')}`
      await upload(uploadKey(scenario, 'cat.png', 'bob'), PNG, 'image/png')
      const missing = `s3://${BUCKET}/${uploadKey(scenario, 'missing.png')}`
      const before = await db.mmsMessage.count()

      const answers = await Promise.all(
        [bobs, missing].map((uri) =>
          sendMms({ destinationPhoneNumber: '+14254147755', mediaUrls: [uri] })
            .catch((e: FieldValidationError) => e)
            .then((error) =>
              JSON.stringify((error as FieldValidationError).fieldMessages)
                .split(uri)
                .join('<uri>')
            )
        )
      )
      expect(answers[0]).toBe(answers[1])
      expect(JSON.parse(answers[0])).toEqual({
        mediaUrls: ['There is no file at <uri>.'],
      })
      expect(await db.mmsMessage.count()).toBe(before)
      expect((await stats()).requests).toBe(0)
    }
  )

  scenario(
    'a key climbing out of the user’s folder, which the local S3 would resolve, is refused',
    async (scenario: StandardScenario) => {
      signIn(scenario)
      await upload(uploadKey(scenario, 'cat.png', 'bob'), PNG, 'image/png')
      const climbing = `uploads/${scenario.user.alice.id}/../${scenario.user.bob.id}/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/cat.png`
      // The attack is real here: the local server serves Bob's file for it.
      expect(
        await lookUpMediaObject(
          { bucket: BUCKET, key: climbing },
          createS3Client('us-east-1')
        )
      ).toMatchObject({ found: true })

      const before = await db.mmsMessage.count()
      const error = await sendMms({
        destinationPhoneNumber: '+14254147755',
        mediaUrls: [`s3://${BUCKET}/${climbing}`],
      }).catch((e) => e)
      expect(error).toBeInstanceOf(FieldValidationError)
      expect(error.fieldMessages).toEqual({
        mediaUrls: ['A media key may not contain "." or ".." path segments.'],
      })
      expect(await db.mmsMessage.count()).toBe(before)
      expect((await stats()).requests).toBe(0)
    }
  )

  scenario(
    'an object under a shared prefix is sent by any user',
    async (scenario: StandardScenario) => {
      await upload('samples/shared.png', PNG, 'image/png')
      mockCurrentUser({
        id: scenario.user.bob.id,
        email: scenario.user.bob.email,
        role: 'MEMBER',
        roles: ['MEMBER'],
      })
      const message = await sendMms({
        destinationPhoneNumber: '+14254147755',
        mediaUrls: [`s3://${BUCKET}/samples/shared.png`],
      })
      expect(message.status).toBe('SENT')
      const [received] = await inbox()
      expect(received.media).toEqual([
        expect.objectContaining({ uri: `s3://${BUCKET}/samples/shared.png` }),
      ])
    }
  )

  scenario(
    'injected 5xx responses go back to the queue and are retried later',
    async (scenario: StandardScenario) => {
      signIn(scenario)
      await sandbox.control('POST', '/_sandbox/faults', {
        failNext: { error: 'InternalServerException', count: 2 },
      })
      const { id } = await sendMms({
        destinationPhoneNumber: '+14254147755',
        messageBody: 'x',
      })
      const message = await settled(id)
      expect(message).toMatchObject({ status: 'SENT', attemptCount: 3 })
      const attempts = await db.mmsAttempt.findMany({
        where: { messageId: id },
        orderBy: { number: 'asc' },
      })
      expect(attempts.map((a) => [a.outcome, a.httpStatus])).toEqual([
        ['RETRYABLE', 500],
        ['RETRYABLE', 500],
        ['ACCEPTED', 200],
      ])
      // Each retry waited its backoff: at least half of 1 s, then of 2 s.
      expect(
        attempts[1].startedAt.getTime() - attempts[0].startedAt.getTime()
      ).toBeGreaterThanOrEqual(500)
      expect(
        attempts[2].startedAt.getTime() - attempts[1].startedAt.getTime()
      ).toBeGreaterThanOrEqual(1000)
      expect(await inbox()).toHaveLength(1)
      expect((await stats()).injectedErrors).toBe(2)
    }
  )

  scenario(
    'a hung request ends as an unknown outcome, not retried',
    async (scenario: StandardScenario) => {
      signIn(scenario)
      await sandbox.control('POST', '/_sandbox/faults', { hangNext: 1 })
      const started = Date.now()
      const message = await sendMms({
        destinationPhoneNumber: '+14254147755',
        messageBody: 'x',
      })
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 3)
      expect(message).toMatchObject({
        status: 'UNKNOWN',
        errorCode: 'OUTCOME_UNKNOWN',
        attemptCount: 1,
      })
      expect((await stats()).requests).toBe(1)
    }
  )

  scenario(
    'a burst above the MPS limit is paced: none lost, none sent twice, none failed',
    async (scenario: StandardScenario) => {
      signIn(scenario)
      const burst = 15
      const answers = await Promise.all(
        Array.from({ length: burst }, (_, i) =>
          sendMms({
            destinationPhoneNumber: '+14254147755',
            messageBody: `burst ${i}`,
          })
        )
      )
      // Slots within MMS_SEND_WAIT_MS are waited for; later ones answer QUEUED.
      const answered = answers.map((m) => m.status)
      expect(answered).toContain('SENT')
      expect(answered).toContain('QUEUED')
      const messages = await Promise.all(answers.map((m) => settled(m.id)))

      expect(messages.map((m) => m.status)).toEqual(Array(burst).fill('SENT'))
      const received = await inbox()
      expect(received).toHaveLength(burst)
      expect(new Set(received.map((m) => m.messageId))).toEqual(
        new Set(messages.map((m) => m.providerMessageId))
      )
      const counts = await stats()
      // Unpaced, all but the first MPS would be throttled at least once. Paced,
      // a throttled answer is rare (a request delayed on its way by a busy
      // machine), recorded, and retried through the queue.
      expect(counts.throttled).toBeLessThan(burst - MPS)
      const throttledAttempts = await db.mmsAttempt.count({
        where: {
          messageId: { in: messages.map((m) => m.id) },
          outcome: 'THROTTLED',
        },
      })
      expect(throttledAttempts).toBe(counts.throttled)
      expect(counts.accepted).toBe(burst)
      // Every HTTP request the sandbox saw is one recorded attempt.
      expect(messages.reduce((sum, m) => sum + m.attemptCount, 0)).toBe(
        counts.requests
      )
    }
  )
})
