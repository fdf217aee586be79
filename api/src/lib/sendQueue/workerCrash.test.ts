import type { MmsAttempt, MmsMessage } from '@prisma/client'

import { db } from 'src/lib/db'
import {
  startSandboxProcess,
  type SandboxProcess,
} from 'src/lib/testing/sandboxProcess.fixtures'
import { sendMms } from 'src/services/mms/mms'

import type { StandardScenario } from './workerCrash.scenarios'
import {
  startWorkerProcess,
  type WorkerProcess,
} from './workerProcess.fixtures'

// Real processes throughout: the sandbox, and send workers started from
// api/src/worker.ts and killed with SIGKILL. This process records the batch
// and never runs a worker itself. Generous limits, for a slow 2-core machine.
jest.setTimeout(420_000)

const BUCKET = 'mms-media-test'
const IDENTITY = '+18445550100'
const MPS = 10
const BATCH = 60
/** Accepted by the sandbox before the worker is killed. */
const ACCEPTED_BEFORE_KILL = 20
const SEND_TIMEOUT_MS = 2_000
const CONNECT_TIMEOUT_MS = 500
const LEASE_SECONDS = 4
/** Longer than the send timeout, so a held request is still in flight when the worker dies. */
const HELD_MS = 5_000

interface InboxMessage {
  messageId: string
  context: Record<string, string>
}
interface Stats {
  requests: number
  inFlight: number
  accepted: number
  describeCalls: number
  throttled: number
}

let sandbox: SandboxProcess
const workers: WorkerProcess[] = []

const stats = () => sandbox.control<Stats>('GET', '/_sandbox/stats')
const inbox = async () =>
  (
    await sandbox.control<{ messages: InboxMessage[] }>(
      'GET',
      '/_sandbox/inbox.json'
    )
  ).messages
const setLatency = (latencyMs: number) =>
  sandbox.control('POST', '/_sandbox/faults', { latencyMs })

const until = async (
  what: string,
  check: () => Promise<boolean>,
  { timeoutMs = 180_000, everyMs = 250 } = {}
) => {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${what}. Worker output:\n${workers.map((w) => w.output()).join('\n---\n')}`
      )
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}

const workerEnv = (): Record<string, string> => ({
  DATABASE_URL: process.env.DATABASE_URL as string,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: sandbox.pinpointEndpoint,
  AWS_ENDPOINT_URL_S3: sandbox.s3Endpoint,
  S3_FORCE_PATH_STYLE: 'true',
  PINPOINT_ORIGINATION_NUMBER: IDENTITY,
  S3_MMS_BUCKET_NAME: BUCKET,
  MMS_SEND_TIMEOUT_MS: String(SEND_TIMEOUT_MS),
  MMS_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
  MMS_QUEUE_LEASE_SECONDS: String(LEASE_SECONDS),
  MMS_WORKER_POLL_MS: '100',
  MMS_IN_PROCESS_WORKER: 'false',
})

beforeAll(async () => {
  sandbox = await startSandboxProcess({
    bucket: BUCKET,
    originationIdentity: IDENTITY,
    messagesPerSecond: MPS,
  })
  // sendMms here only records: it never waits for a send, and the batch
  // stays within the sender's limits.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: sandbox.pinpointEndpoint,
    AWS_ENDPOINT_URL_S3: sandbox.s3Endpoint,
    MMS_SEND_WAIT_MS: '0',
    MMS_USER_RATE_PER_MINUTE: '10000',
    MMS_USER_DAILY_QUOTA: '10000',
    MMS_SEND_TIMEOUT_MS: String(SEND_TIMEOUT_MS),
    MMS_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    MMS_QUEUE_LEASE_SECONDS: String(LEASE_SECONDS),
  })
})

afterAll(async () => {
  for (const worker of workers) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.child.kill('SIGKILL')
      await worker.exited
    }
  }
  await sandbox?.stop()
})

type Row = MmsMessage & { attempts: MmsAttempt[] }

const rowsOf = async (ids: string[]): Promise<Map<string, Row>> => {
  const rows = await db.mmsMessage.findMany({
    where: { id: { in: ids } },
    include: { attempts: { orderBy: { number: 'asc' } } },
  })
  return new Map(rows.map((row) => [row.id, row]))
}

const idsWithStatus = (rows: Map<string, Row>, status: string) =>
  [...rows.values()].filter((r) => r.status === status).map((r) => r.id)

describe('a send worker killed in the middle of a batch', () => {
  scenario(
    'sends nothing twice, loses nothing, and leaves no send started forever',
    async (scenario: StandardScenario) => {
      await sandbox.control('POST', '/_sandbox/reset')
      await sandbox.control('DELETE', '/_sandbox/inbox')
      mockCurrentUser({
        id: scenario.user.alice.id,
        email: scenario.user.alice.email,
        role: 'MEMBER',
        roles: ['MEMBER'],
      })

      const ids: string[] = []
      for (let i = 0; i < BATCH; i++) {
        const queued = await sendMms({
          destinationPhoneNumber: '+14254147755',
          messageBody: `Batch message ${i + 1}`,
        })
        expect(queued.status).toBe('QUEUED')
        ids.push(queued.id)
      }
      const recorded = await stats()
      expect(recorded.requests - recorded.describeCalls).toBe(0)

      // The first worker sends part of the batch; then a request is held
      // in the sandbox, and the worker dies while it is in flight.
      const first = await startWorkerProcess(workerEnv())
      workers.push(first)
      await until(
        `${ACCEPTED_BEFORE_KILL} messages accepted by the sandbox`,
        async () => (await stats()).accepted >= ACCEPTED_BEFORE_KILL,
        { everyMs: 50 }
      )
      await setLatency(HELD_MS)
      await until(
        'a request held in the sandbox',
        async () => (await stats()).inFlight >= 1,
        { timeoutMs: 60_000, everyMs: 10 }
      )
      first.child.kill('SIGKILL')
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' })
      await setLatency(0)

      const atKill = await rowsOf(ids)
      const sendingAtKill = idsWithStatus(atKill, 'SENDING')
      const queuedAtKill = idsWithStatus(atKill, 'QUEUED')
      expect(sendingAtKill.length).toBeGreaterThanOrEqual(1)
      expect(queuedAtKill.length).toBeGreaterThanOrEqual(1)
      expect(
        idsWithStatus(atKill, 'SENT').length + sendingAtKill.length
      ).toBeGreaterThanOrEqual(ACCEPTED_BEFORE_KILL)
      // The sandbox answers the held requests (to no one) before the next
      // worker starts, so they never compete with its sends for the rate.
      await until(
        'the sandbox to answer the held requests',
        async () => (await stats()).inFlight === 0,
        { timeoutMs: 60_000 }
      )

      // A second worker takes over once the dead one's leases run out.
      const second = await startWorkerProcess(workerEnv())
      workers.push(second)
      await until(
        'the queue to drain and the sandbox to answer every request',
        async () =>
          (await db.mmsMessage.count({
            where: { id: { in: ids }, status: { in: ['QUEUED', 'SENDING'] } },
          })) === 0 && (await stats()).inFlight === 0,
        { everyMs: 500 }
      )
      second.child.kill('SIGTERM')
      expect((await second.exited).code).toBe(0)

      const rows = await rowsOf(ids)
      const accepted = await inbox()
      const final = await stats()
      const acceptedFor = new Map<string, InboxMessage[]>()
      for (const message of accepted) {
        const id = message.context.mmsMessageId
        acceptedFor.set(id, [...(acceptedFor.get(id) ?? []), message])
      }

      // Every message ends in a final state or still queued, none SENDING.
      for (const row of rows.values()) {
        expect(['SENT', 'FAILED', 'UNKNOWN', 'QUEUED']).toContain(row.status)
      }
      // Only our messages were sent, each at most once.
      expect(ids).toEqual(expect.arrayContaining([...acceptedFor.keys()]))
      for (const [id, messages] of acceptedFor) {
        expect({ id, times: messages.length }).toEqual({ id, times: 1 })
      }
      // A SENT message carries the MessageId the sandbox gave it; an
      // accepted message is SENT or UNKNOWN, never QUEUED or FAILED.
      for (const row of rows.values()) {
        const messages = acceptedFor.get(row.id) ?? []
        if (row.status === 'SENT') {
          expect(row.providerMessageId).toBe(messages[0]?.messageId)
        }
        if (messages.length > 0) {
          expect(['SENT', 'UNKNOWN']).toContain(row.status)
        }
      }
      // What the dead worker had started ends UNKNOWN, not sent again; what
      // it had not started is sent by the second worker.
      for (const id of sendingAtKill) {
        const row = rows.get(id) as Row
        expect(row).toMatchObject({
          status: 'UNKNOWN',
          errorCode: 'OUTCOME_UNKNOWN',
          attemptCount: (atKill.get(id) as Row).attemptCount,
        })
        // As recorded before the request went out: no process lived to
        // record an answer or a timeout.
        expect(row.attempts.at(-1)).toMatchObject({
          outcome: 'NO_RESPONSE',
          durationMs: 0,
          httpStatus: null,
        })
      }
      for (const id of queuedAtKill) {
        expect({ id, status: rows.get(id)?.status }).toEqual({
          id,
          status: 'SENT',
        })
      }
      // The held request was accepted after the worker died: the sandbox
      // has it, and the message is UNKNOWN.
      const acceptedUnknown = sendingAtKill.filter((id) => acceptedFor.has(id))
      expect(acceptedUnknown.length).toBeGreaterThanOrEqual(1)

      // Attempts recorded against requests the sandbox saw. Every attempt
      // is recorded before its request goes out, so only the requests cut
      // off by the kill may be missing from the sandbox's count.
      const attempts = [...rows.values()].flatMap((row) => row.attempts)
      for (const row of rows.values()) {
        expect(row.attempts.map((a) => a.number)).toEqual(
          Array.from({ length: row.attemptCount }, (_, i) => i + 1)
        )
      }
      const outcomes = (outcome: string) =>
        attempts.filter((a) => a.outcome === outcome).length
      expect(outcomes('ACCEPTED')).toBe(idsWithStatus(rows, 'SENT').length)
      expect(final.accepted).toBe(outcomes('ACCEPTED') + acceptedUnknown.length)
      // A throttled answer the dead worker never recorded is one of its
      // cut-off requests, which the sandbox did not accept.
      const cutOffUnanswered = sendingAtKill.length - acceptedUnknown.length
      expect(final.throttled).toBeGreaterThanOrEqual(outcomes('THROTTLED'))
      expect(final.throttled).toBeLessThanOrEqual(
        outcomes('THROTTLED') + cutOffUnanswered
      )
      const sandboxSends = final.requests - final.describeCalls
      expect(sandboxSends).toBeLessThanOrEqual(attempts.length)
      expect(sandboxSends).toBeGreaterThanOrEqual(
        attempts.length - cutOffUnanswered
      )
    }
  )
})
