import type { Prisma } from '@prisma/client'

import { db } from 'src/lib/db'
import { MMS_ERRORS } from 'src/lib/mmsErrors'
import type { SendOutcome } from 'src/lib/mmsProvider'

import { intervalMsOf } from './originationRates'
import { CATCH_UP_MS, reserveSendSlot } from './pacing'
import {
  eventually,
  FakeProvider,
  fixedRates,
  IDENTITY,
  messageRow,
  sent,
  throttled,
  TIMER_SLACK_MS,
  unavailable,
  unknown,
  type ProviderCall,
} from './sendQueue.fixtures'
import { announceQueued } from './signals'
import { SendWorker, type SendWorkerOptions } from './worker'
import type { StandardScenario } from './worker.scenarios'

jest.setTimeout(30_000)

const RATE = 100
const INTERVAL_MS = intervalMsOf({
  messagesPerSecond: RATE,
  source: 'configured',
})

const workerWith = (
  provider: FakeProvider,
  options: Partial<SendWorkerOptions> = {}
) =>
  new SendWorker({
    provider,
    rates: fixedRates(RATE),
    leaseMs: 10_000,
    maxAttempts: 3,
    concurrency: 4,
    pollMs: 20,
    sweepEveryMs: 50,
    ...options,
  })

/** Runs `test` with the workers started, and always stops them. */
const withWorkers = async (
  workers: SendWorker[],
  test: () => Promise<void>
) => {
  workers.forEach((worker) => worker.start())
  try {
    await test()
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()))
  }
}

/** Queues a message at its identity's next slot, as sendMms does. */
const queue = async (
  userId: number,
  overrides: Partial<Prisma.MmsMessageCreateManyInput> = {}
) => {
  const message = await db.$transaction(async (tx) => {
    const slotMs = await reserveSendSlot(tx, IDENTITY, INTERVAL_MS, Date.now())
    return tx.mmsMessage.create({
      data: {
        ...messageRow(userId, {
          nextAttemptAt: new Date(slotMs),
          expiresAt: new Date(Date.now() + 3_600_000),
        }).data,
        ...overrides,
      },
    })
  })
  announceQueued()
  return message
}

const row = (id: string) => db.mmsMessage.findUniqueOrThrow({ where: { id } })

/** The message once the queue is done with it. */
const settled = (id: string, timeoutMs = 10_000) =>
  eventually(
    async () => {
      const message = await row(id)
      return ['QUEUED', 'SENDING'].includes(message.status) ? null : message
    },
    timeoutMs,
    `message ${id} to be settled`
  )

const attemptsOf = (messageId: string) =>
  db.mmsAttempt.findMany({ where: { messageId }, orderBy: { number: 'asc' } })

/** A provider that answers each call to a message from `script`, in turn. */
const scripted = (...script: (() => SendOutcome)[]) =>
  new FakeProvider((message, call) =>
    (script[call - 1] ?? (() => sent(`fake-${message.recordId}`)))()
  )

describe('SendWorker', () => {
  scenario(
    'two workers on one queue send each of 50 messages exactly once, paced by the send gate',
    async (scenario: StandardScenario) => {
      const calls: ProviderCall[] = []
      const providers = [new FakeProvider(), new FakeProvider()]
      const workers = providers.map((provider) => workerWith(provider))

      const ids: string[] = []
      await withWorkers(workers, async () => {
        for (let i = 0; i < 50; i++) {
          ids.push(
            (await queue(scenario.user.alice.id, { messageBody: `n${i}` })).id
          )
        }
        for (const id of ids) {
          await settled(id)
        }
      })
      calls.push(...providers.flatMap((provider) => provider.calls))

      expect(calls).toHaveLength(50)
      expect(new Set(calls.map((call) => call.message.recordId))).toEqual(
        new Set(ids)
      )
      for (const call of calls) {
        expect(call.message.context).toEqual({
          mmsMessageId: call.message.recordId,
        })
      }
      expect(providers.map((provider) => provider.calls.length > 0)).toEqual([
        true,
        true,
      ])
      const messages = await db.mmsMessage.findMany({
        where: { id: { in: ids } },
      })
      for (const message of messages) {
        expect(message).toMatchObject({
          status: 'SENT',
          providerMessageId: `fake-${message.id}`,
          attemptCount: 1,
          leaseOwner: null,
        })
      }
      // The gate spaced the requests of both workers together.
      const started = (
        await db.mmsAttempt.findMany({ where: { messageId: { in: ids } } })
      )
        .map((attempt) => attempt.startedAt.getTime())
        .sort((a, b) => a - b)
      expect(started).toHaveLength(50)
      // Any n + 1 requests span n intervals, less the gate's catch-up.
      for (let i = 1; i < started.length; i++) {
        for (const n of [1, 5, 10]) {
          if (i - n >= 0) {
            expect(started[i] - started[i - n]).toBeGreaterThanOrEqual(
              n * INTERVAL_MS - CATCH_UP_MS
            )
          }
        }
      }
    }
  )

  scenario(
    'stop() gives back a message claimed for its slot but not started, for another worker to send at once',
    async (scenario: StandardScenario) => {
      const provider = new FakeProvider()
      const first = workerWith(provider).start()
      const message = await queue(scenario.user.alice.id, {
        nextAttemptAt: new Date(Date.now() + 800),
      })
      await eventually(
        async () => (await row(message.id)).leaseOwner === first.name,
        5_000,
        'the first worker to claim the message'
      )

      await first.stop()

      expect(await row(message.id)).toMatchObject({
        status: 'QUEUED',
        leaseOwner: null,
        leaseExpiresAt: null,
        attemptCount: 0,
      })
      expect(provider.calls).toHaveLength(0)

      const second = workerWith(provider)
      await withWorkers([second], async () => {
        expect(await settled(message.id, 3_000)).toMatchObject({
          status: 'SENT',
          attemptCount: 1,
        })
      })
      expect(provider.calls).toHaveLength(1)
    }
  )

  scenario(
    'stop() waits for a send already under way and records its answer',
    async (scenario: StandardScenario) => {
      let answer: (outcome: SendOutcome) => void = () => undefined
      const provider = new FakeProvider(
        () => new Promise<SendOutcome>((resolve) => (answer = resolve))
      )
      const worker = workerWith(provider).start()
      const message = await queue(scenario.user.alice.id)
      await eventually(
        async () => provider.calls.length === 1,
        5_000,
        'the send to start'
      )

      const stopped = worker.stop()
      setTimeout(() => answer(sent('pinpoint-slow')), 200)
      await stopped

      expect(await row(message.id)).toMatchObject({
        status: 'SENT',
        providerMessageId: 'pinpoint-slow',
        leaseOwner: null,
      })
    }
  )
})

describe('retries through the queue', () => {
  scenario(
    'a throttled attempt goes back to the queue for later and does not use up the attempts',
    async (scenario: StandardScenario) => {
      const provider = scripted(throttled, throttled)
      let message = await queue(scenario.user.alice.id)
      await withWorkers(
        [workerWith(provider, { maxAttempts: 1 })],
        async () => {
          message = await settled(message.id)
        }
      )

      expect(message).toMatchObject({ status: 'SENT', attemptCount: 3 })
      expect(provider.calls).toHaveLength(3)
      const attempts = await attemptsOf(message.id)
      expect(attempts.map((a) => a.outcome)).toEqual([
        'THROTTLED',
        'THROTTLED',
        'ACCEPTED',
      ])
      // Each retry waited at least half of the throttling backoff (1 s).
      for (let i = 1; i < attempts.length; i++) {
        expect(
          attempts[i].startedAt.getTime() - attempts[i - 1].startedAt.getTime()
        ).toBeGreaterThanOrEqual(500 - TIMER_SLACK_MS)
      }
    }
  )

  scenario(
    'a provider failure is retried up to the attempt limit, then FAILED with its code',
    async (scenario: StandardScenario) => {
      const provider = scripted(unavailable, unavailable, unavailable)
      let message = await queue(scenario.user.alice.id)
      await withWorkers(
        [workerWith(provider, { maxAttempts: 2 })],
        async () => {
          message = await settled(message.id)
        }
      )

      expect(message).toMatchObject({
        status: 'FAILED',
        errorCode: 'PROVIDER_UNAVAILABLE',
        errorMessage: MMS_ERRORS.PROVIDER_UNAVAILABLE,
        attemptCount: 2,
      })
      expect(provider.calls).toHaveLength(2)
      expect((await attemptsOf(message.id)).map((a) => a.outcome)).toEqual([
        'RETRYABLE',
        'RETRYABLE',
      ])
    }
  )

  scenario(
    'an unanswered attempt is never sent again',
    async (scenario: StandardScenario) => {
      const provider = scripted(unknown)
      let message = await queue(scenario.user.alice.id)
      await withWorkers(
        [workerWith(provider, { maxAttempts: 3 })],
        async () => {
          message = await settled(message.id)
        }
      )
      expect(message).toMatchObject({
        status: 'UNKNOWN',
        errorCode: 'OUTCOME_UNKNOWN',
        attemptCount: 1,
      })
      expect(provider.calls).toHaveLength(1)
    }
  )

  scenario(
    'a message that waited past its deadline fails without being sent',
    async (scenario: StandardScenario) => {
      const provider = new FakeProvider()
      let message = await queue(scenario.user.alice.id, {
        expiresAt: new Date(Date.now() - 1),
      })
      await withWorkers([workerWith(provider)], async () => {
        message = await settled(message.id)
      })
      expect(message).toMatchObject({
        status: 'FAILED',
        errorCode: 'EXPIRED_IN_QUEUE',
        attemptCount: 0,
      })
      expect(provider.calls).toHaveLength(0)
    }
  )

  scenario(
    'a send left mid-request by a dead worker ends UNKNOWN and is not sent again',
    async (scenario: StandardScenario) => {
      const provider = new FakeProvider()
      const abandoned = await db.mmsMessage.create({
        data: messageRow(scenario.user.alice.id, {
          status: 'SENDING',
          nextAttemptAt: null,
          attemptCount: 1,
          leaseOwner: 'worker-dead',
          leaseExpiresAt: new Date(Date.now() - 1),
        }).data,
      })
      let message = abandoned
      await withWorkers([workerWith(provider)], async () => {
        message = await settled(abandoned.id)
      })
      expect(message).toMatchObject({
        status: 'UNKNOWN',
        errorCode: 'OUTCOME_UNKNOWN',
        attemptCount: 1,
      })
      expect(provider.calls).toHaveLength(0)
    }
  )
})
