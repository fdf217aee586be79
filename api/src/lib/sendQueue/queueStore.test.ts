import { db } from 'src/lib/db'
import { MMS_ERRORS } from 'src/lib/mmsErrors'

import { CATCH_UP_MS } from './pacing'
import {
  claimMessage,
  expireAbandonedSends,
  failQueued,
  findDueMessages,
  releaseClaims,
  startAttempt,
} from './queueStore'
import type { StandardScenario } from './queueStore.scenarios'
import { IDENTITY, NOW, at } from './sendQueue.fixtures'

const LEASE_MS = 60_000
const PACE = { identity: IDENTITY, intervalMs: 1_000 }

const row = (id: string) => db.mmsMessage.findUniqueOrThrow({ where: { id } })
const attemptsOf = (messageId: string) =>
  db.mmsAttempt.findMany({ where: { messageId }, orderBy: { number: 'asc' } })

describe('findDueMessages', () => {
  scenario(
    'lists queued messages due within the horizon that no live lease holds, earliest first',
    async () => {
      expect((await findDueMessages(NOW, 1_000, 10)).map((m) => m.id)).toEqual([
        'due-first',
        'due-second',
        'held-by-the-dead',
        'due-soon',
      ])
      expect((await findDueMessages(NOW, 0, 10)).map((m) => m.id)).toEqual([
        'due-first',
        'due-second',
        'held-by-the-dead',
      ])
      expect((await findDueMessages(NOW, 1_000, 2)).map((m) => m.id)).toEqual([
        'due-first',
        'due-second',
      ])
    }
  )
})

describe('claimMessage', () => {
  scenario(
    'lets only one of several workers claim a message',
    async (scenario: StandardScenario) => {
      for (const { id } of [
        scenario.mmsMessage.dueFirst,
        scenario.mmsMessage.dueSecond,
        scenario.mmsMessage.dueSoon,
      ]) {
        const claims = await Promise.all(
          ['worker-a', 'worker-b', 'worker-c'].map((owner) =>
            claimMessage(id, owner, NOW, LEASE_MS).then((won) => ({
              owner,
              won,
            }))
          )
        )
        const winners = claims.filter((claim) => claim.won)
        expect(winners).toHaveLength(1)
        expect(await row(id)).toMatchObject({
          status: 'QUEUED',
          leaseOwner: winners[0].owner,
          leaseExpiresAt: at(LEASE_MS),
        })
      }
    }
  )

  scenario(
    'refuses a message another worker holds, and one that is not queued',
    async () => {
      expect(
        await claimMessage('held-by-another', 'worker-a', NOW, LEASE_MS)
      ).toBe(false)
      expect(await row('held-by-another')).toMatchObject({
        leaseOwner: 'worker-b',
        leaseExpiresAt: at(30_000),
      })
      expect(
        await claimMessage('sending-abandoned', 'worker-a', NOW, LEASE_MS)
      ).toBe(false)
      expect(await claimMessage('sent', 'worker-a', NOW, LEASE_MS)).toBe(false)
    }
  )

  scenario(
    'takes over a lease that ran out; its old holder can then no longer start it',
    async () => {
      expect(
        await claimMessage('held-by-the-dead', 'worker-a', NOW, LEASE_MS)
      ).toBe(true)
      expect(
        await startAttempt(
          'held-by-the-dead',
          'worker-dead',
          NOW,
          LEASE_MS,
          PACE
        )
      ).toEqual({ kind: 'LOST' })
      expect(
        await startAttempt('held-by-the-dead', 'worker-a', NOW, LEASE_MS, PACE)
      ).toMatchObject({ kind: 'STARTED' })
    }
  )
})

describe('startAttempt', () => {
  scenario(
    'marks the send started before anything is sent: SENDING, counted, its attempt recorded as NO_RESPONSE, the gate passed',
    async () => {
      await claimMessage('due-first', 'worker-a', NOW, 5_000)
      const started = await startAttempt(
        'due-first',
        'worker-a',
        NOW + 100,
        LEASE_MS,
        PACE
      )

      expect(started).toMatchObject({
        kind: 'STARTED',
        message: { id: 'due-first', status: 'SENDING', attemptCount: 1 },
      })
      expect(await row('due-first')).toMatchObject({
        status: 'SENDING',
        attemptCount: 1,
        nextAttemptAt: null,
        leaseOwner: 'worker-a',
        leaseExpiresAt: at(100 + LEASE_MS),
      })
      expect(await attemptsOf('due-first')).toMatchObject([
        {
          number: 1,
          startedAt: at(100),
          durationMs: 0,
          outcome: 'NO_RESPONSE',
          httpStatus: null,
          errorCode: null,
        },
      ])
      expect(
        await db.originationGate.findUniqueOrThrow({
          where: { identity: IDENTITY },
        })
      ).toMatchObject({ lastSendAtMs: BigInt(NOW + 100 - CATCH_UP_MS) })
    }
  )

  scenario(
    'answers LOST, changing nothing, to a worker whose lease ran out or was never its own',
    async () => {
      await claimMessage('due-first', 'worker-a', NOW, 1_000)

      expect(
        await startAttempt('due-first', 'worker-a', NOW + 1_001, LEASE_MS, PACE)
      ).toEqual({ kind: 'LOST' })
      expect(
        await startAttempt('due-first', 'worker-b', NOW + 10, LEASE_MS, PACE)
      ).toEqual({ kind: 'LOST' })
      expect(
        await startAttempt('sending-live', 'worker-b', NOW, LEASE_MS, PACE)
      ).toEqual({ kind: 'LOST' })

      expect(await row('due-first')).toMatchObject({
        status: 'QUEUED',
        attemptCount: 0,
        leaseOwner: 'worker-a',
      })
      expect(await row('sending-live')).toMatchObject({ attemptCount: 1 })
      expect(await attemptsOf('due-first')).toEqual([])
      expect(await db.originationGate.count()).toBe(0)
    }
  )

  scenario(
    'answers WAIT, changing nothing, while the identity’s previous request is too recent',
    async () => {
      await db.originationGate.create({
        data: { identity: IDENTITY, lastSendAtMs: BigInt(NOW - 300) },
      })
      await claimMessage('due-first', 'worker-a', NOW, LEASE_MS)

      expect(
        await startAttempt('due-first', 'worker-a', NOW, LEASE_MS, PACE)
      ).toEqual({ kind: 'WAIT', waitMs: 700 })
      expect(await row('due-first')).toMatchObject({
        status: 'QUEUED',
        attemptCount: 0,
        nextAttemptAt: at(-2_000),
        leaseOwner: 'worker-a',
        leaseExpiresAt: at(LEASE_MS),
      })
      expect(await attemptsOf('due-first')).toEqual([])
      expect(
        await db.originationGate.findUniqueOrThrow({
          where: { identity: IDENTITY },
        })
      ).toMatchObject({ lastSendAtMs: BigInt(NOW - 300) })

      expect(
        await startAttempt('due-first', 'worker-a', NOW + 700, LEASE_MS, PACE)
      ).toMatchObject({ kind: 'STARTED' })
    }
  )
})

describe('expireAbandonedSends', () => {
  scenario(
    'ends a send whose worker died mid-request as UNKNOWN, never to be sent again, and leaves live sends and queued messages alone',
    async () => {
      expect(await expireAbandonedSends(NOW)).toBe(1)

      expect(await row('sending-abandoned')).toMatchObject({
        status: 'UNKNOWN',
        errorCode: 'OUTCOME_UNKNOWN',
        errorMessage: MMS_ERRORS.OUTCOME_UNKNOWN,
        leaseOwner: null,
        leaseExpiresAt: null,
      })
      expect(await row('sending-live')).toMatchObject({
        status: 'SENDING',
        leaseOwner: 'worker-b',
      })
      expect(await row('held-by-the-dead')).toMatchObject({
        status: 'QUEUED',
        leaseOwner: 'worker-dead',
      })
      expect(await row('sent')).toMatchObject({ status: 'SENT' })
      expect(await db.mmsMessage.count({ where: { status: 'QUEUED' } })).toBe(6)

      expect(await expireAbandonedSends(NOW)).toBe(0)
      expect(await expireAbandonedSends(NOW + 30_001)).toBe(1)
      expect(await row('sending-live')).toMatchObject({ status: 'UNKNOWN' })
    }
  )
})

describe('releaseClaims and failQueued', () => {
  scenario(
    'give back, or fail, only queued messages this worker holds',
    async () => {
      await claimMessage('due-first', 'worker-a', NOW, LEASE_MS)
      await claimMessage('due-second', 'worker-a', NOW, LEASE_MS)

      await releaseClaims('worker-a', [
        'due-first',
        'held-by-another',
        'sending-live',
      ])
      expect(await row('due-first')).toMatchObject({
        status: 'QUEUED',
        leaseOwner: null,
        leaseExpiresAt: null,
      })
      expect(await row('held-by-another')).toMatchObject({
        leaseOwner: 'worker-b',
      })
      expect(await row('sending-live')).toMatchObject({
        status: 'SENDING',
        leaseOwner: 'worker-b',
      })

      await failQueued('due-second', 'worker-a', 'EXPIRED_IN_QUEUE')
      await failQueued('held-by-another', 'worker-a', 'EXPIRED_IN_QUEUE')
      expect(await row('due-second')).toMatchObject({
        status: 'FAILED',
        errorCode: 'EXPIRED_IN_QUEUE',
        errorMessage: MMS_ERRORS.EXPIRED_IN_QUEUE,
        nextAttemptAt: null,
        leaseOwner: null,
      })
      expect(await row('held-by-another')).toMatchObject({ status: 'QUEUED' })
    }
  )
})
