import { randomUUID } from 'node:crypto'

import { db } from 'src/lib/db'
import { createDriverAdapter, isUniqueViolation } from 'src/lib/dbAdapter'
import { insertMessage } from 'src/lib/messageRows'
import { rawDatabaseOn, type RawClient } from 'src/lib/rawDb'

import {
  deleteExpiredCounters,
  SWEEP_INTERVAL_MS,
  sweepExpiredCountersWhenDue,
} from './counters'
import type { StandardScenario } from './sendLimits.scenarios'
import { dayWindow, minuteWindow } from './windows'

import {
  apiKeySendLimits,
  recordWithinSendLimits,
  SendLimitError,
  sendLimitsFor,
  sendUsageToday,
  type Sender,
  type SendLimits,
} from '.'

// 10:15:30.250 UTC: 29.75 s to the next minute, 13 h 44 min 29.75 s to midnight.
const NOW = Date.UTC(2026, 10, 23, 10, 15, 30, 250)
const NEXT_MINUTE = '2026-11-23T10:16:00.000Z'
const MIDNIGHT = '2026-11-24T00:00:00.000Z'

const DEFAULTS = {
  userRatePerMinute: 60,
  userDailyQuota: 1000,
  apiKeyRatePerMinute: 30,
  apiKeyDailyQuota: 500,
}

const limits = (ratePerMinute: number, dailyQuota = 1000): SendLimits => ({
  ratePerMinute,
  dailyQuota,
})

const newMessage = (userId: number, body: string, id: string = randomUUID()) =>
  insertMessage({
    id,
    userId,
    apiKeyId: null,
    provider: 'aws',
    originationIdentity: '+18445550100',
    destinationPhoneNumber: '+12065550123',
    messageBody: body,
    media: '[]',
    dryRun: false,
    timeToLive: null,
    maxPrice: null,
    configurationSetName: null,
    protectConfigurationId: null,
    messageFeedbackEnabled: null,
    context: null,
    status: 'QUEUED',
    nextAttemptAt: null,
    expiresAt: null,
    idempotencyKey: null,
    requestHash: `hash-${body}`,
    statusCallbackUrl: null,
    createdAt: new Date(NOW),
    updatedAt: new Date(NOW),
  })

const recordFor =
  (userId: number, body = 'hi') =>
  (tx: RawClient) =>
    tx.$queryRaw(newMessage(userId, body))

/** Sends `count` messages one after the other; what each ended as. */
const sendSeries = async (sender: Sender, count: number, nowMs = NOW) => {
  const outcomes: (string | SendLimitError)[] = []
  for (let i = 0; i < count; i++) {
    try {
      await recordWithinSendLimits(sender, recordFor(sender.userId), { nowMs })
      outcomes.push('recorded')
    } catch (error) {
      if (!(error instanceof SendLimitError)) {
        throw error
      }
      outcomes.push(error)
    }
  }
  return outcomes
}

const counters = async () =>
  Object.fromEntries(
    (await db.sendCounter.findMany()).map((c) => [c.key, c.count])
  )

describe('sendLimitsFor', () => {
  it('takes the configured defaults when the user has no override', () => {
    expect(
      sendLimitsFor(
        { id: 1, sendRatePerMinute: null, dailySendQuota: null },
        DEFAULTS
      )
    ).toEqual({ ratePerMinute: 60, dailyQuota: 1000 })
  })

  it('takes each override an admin set, including zero', () => {
    expect(
      sendLimitsFor(
        { id: 1, sendRatePerMinute: 5, dailySendQuota: 0 },
        DEFAULTS
      )
    ).toEqual({ ratePerMinute: 5, dailyQuota: 0 })
  })

  it('gives every API key the configured key limits', () => {
    expect(apiKeySendLimits(DEFAULTS)).toEqual({
      ratePerMinute: 30,
      dailyQuota: 500,
    })
  })
})

describe('windows', () => {
  it('count minutes since the epoch and UTC days', () => {
    expect(minuteWindow(NOW)).toEqual({
      kind: 'MINUTE',
      id: String(Math.floor(NOW / 60_000)),
      startMs: Date.parse('2026-11-23T10:15:00Z'),
      endMs: Date.parse(NEXT_MINUTE),
    })
    expect(dayWindow(NOW)).toEqual({
      kind: 'DAY',
      id: '2026-11-23',
      startMs: Date.parse('2026-11-23T00:00:00Z'),
      endMs: Date.parse(MIDNIGHT),
    })
  })

  it('put the last millisecond of a day in that day', () => {
    expect(dayWindow(Date.parse(MIDNIGHT) - 1).id).toBe('2026-11-23')
    expect(dayWindow(Date.parse(MIDNIGHT)).id).toBe('2026-11-24')
  })
})

describe('recordWithinSendLimits', () => {
  scenario(
    'records exactly the rate, refuses the next with when to retry, and counts nothing for it',
    async (scenario: StandardScenario) => {
      const sender = { userId: scenario.user.alice.id, limits: limits(3) }
      const outcomes = await sendSeries(sender, 4)

      expect(outcomes.slice(0, 3)).toEqual(['recorded', 'recorded', 'recorded'])
      const refused = outcomes[3] as SendLimitError
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
      expect(await db.mmsMessage.count()).toBe(3)
      const minute = minuteWindow(NOW).id
      expect(await counters()).toEqual({
        [`user:${sender.userId}:day:2026-11-23`]: 3,
        [`user:${sender.userId}:minute:${minute}`]: 3,
      })
    }
  )

  scenario(
    'lets the next minute send again',
    async (scenario: StandardScenario) => {
      const sender = { userId: scenario.user.alice.id, limits: limits(1) }
      expect(await sendSeries(sender, 2)).toEqual([
        'recorded',
        expect.any(SendLimitError),
      ])
      const nextMinute = Date.parse(NEXT_MINUTE)
      expect(await sendSeries(sender, 1, nextMinute - 1)).toEqual([
        expect.any(SendLimitError),
      ])
      expect(await sendSeries(sender, 1, nextMinute)).toEqual(['recorded'])
    }
  )

  scenario(
    'refuses past the daily quota until midnight UTC',
    async (scenario: StandardScenario) => {
      const sender = { userId: scenario.user.alice.id, limits: limits(60, 2) }
      const outcomes = await sendSeries(sender, 3)

      const refused = outcomes[2] as SendLimitError
      expect(refused.extensions).toEqual({
        code: 'QUOTA_EXCEEDED',
        scope: 'USER',
        limit: 2,
        retryAfterSeconds: 49470,
        retryAt: MIDNIGHT,
      })
      expect(refused.message).toBe(
        `Daily quota reached: your account may send 2 messages a day (days start at midnight UTC). Nothing was sent. Try again in 13 hours 45 minutes, after ${MIDNIGHT}.`
      )
      expect(await db.mmsMessage.count()).toBe(2)
      expect(
        await sendSeries(sender, 1, Date.parse(MIDNIGHT) + 3_600_000)
      ).toEqual(['recorded'])
    }
  )

  scenario(
    'reports the quota when the quota and the rate are both reached',
    async (scenario: StandardScenario) => {
      const sender = { userId: scenario.user.alice.id, limits: limits(1, 1) }
      const [, refused] = await sendSeries(sender, 2)
      expect((refused as SendLimitError).extensions.code).toBe('QUOTA_EXCEEDED')
    }
  )

  scenario('a limit of zero refuses every send', async (scenario) => {
    const sender = { userId: scenario.user.alice.id, limits: limits(0) }
    const [refused] = await sendSeries(sender, 1)
    expect((refused as SendLimitError).extensions).toMatchObject({
      code: 'RATE_LIMITED',
      limit: 0,
    })
    expect((refused as SendLimitError).message).toMatch(
      /may send 0 messages a minute/
    )
    expect(await db.mmsMessage.count()).toBe(0)
  })

  scenario(
    'an API key has limits of its own within its user’s',
    async (scenario: StandardScenario) => {
      const alice = scenario.user.alice.id
      const viaKey = (id: string): Sender => ({
        userId: alice,
        limits: limits(5),
        apiKey: { id, limits: limits(2) },
      })
      const billing = await sendSeries(viaKey(scenario.apiKey.billing.id), 3)
      expect(billing.slice(0, 2)).toEqual(['recorded', 'recorded'])
      expect((billing[2] as SendLimitError).extensions).toMatchObject({
        code: 'RATE_LIMITED',
        scope: 'API_KEY',
        limit: 2,
        retryAfterSeconds: 30,
      })
      expect((billing[2] as SendLimitError).message).toMatch(
        /^Sending rate reached: this API key may send 2 messages a minute\./
      )

      // Another key, and the web app, still send until the user's 5.
      const reports = await sendSeries(viaKey(scenario.apiKey.reports.id), 2)
      expect(reports).toEqual(['recorded', 'recorded'])
      const web = await sendSeries({ userId: alice, limits: limits(5) }, 2)
      expect(web[0]).toBe('recorded')
      expect((web[1] as SendLimitError).extensions).toMatchObject({
        scope: 'USER',
        limit: 5,
      })
      expect(await db.mmsMessage.count()).toBe(5)

      // Another user is not affected.
      const bob = { userId: scenario.user.bob.id, limits: limits(5) }
      expect(await sendSeries(bob, 1)).toEqual(['recorded'])
    }
  )

  scenario(
    'a refused key quota takes nothing from the user’s counters',
    async (scenario: StandardScenario) => {
      const alice = scenario.user.alice.id
      const key = scenario.apiKey.billing.id
      const sender: Sender = {
        userId: alice,
        limits: limits(10, 10),
        apiKey: { id: key, limits: limits(10, 1) },
      }
      await sendSeries(sender, 3)
      const minute = minuteWindow(NOW).id
      expect(await counters()).toEqual({
        [`user:${alice}:day:2026-11-23`]: 1,
        [`user:${alice}:minute:${minute}`]: 1,
        [`apiKey:${key}:day:2026-11-23`]: 1,
        [`apiKey:${key}:minute:${minute}`]: 1,
      })
    }
  )

  scenario(
    'a failed insert takes nothing from the limits',
    async (scenario: StandardScenario) => {
      const sender = { userId: scenario.user.alice.id, limits: limits(1) }
      const duplicate = (tx: RawClient) =>
        tx.$queryRaw(newMessage(sender.userId, 'x', 'same-id'))
      await db.mmsMessage.create({
        data: {
          id: 'same-id',
          userId: scenario.user.bob.id,
          provider: 'aws',
          originationIdentity: '+18445550100',
          destinationPhoneNumber: '+12065550123',
          requestHash: 'x',
        },
      })
      const failure = await recordWithinSendLimits(sender, duplicate, {
        nowMs: NOW,
      }).catch((error: unknown) => error)
      expect(isUniqueViolation(failure)).toBe(true)
      expect(await counters()).toEqual({})
      expect(await sendSeries(sender, 1)).toEqual(['recorded'])
    }
  )

  scenario(
    'two api processes racing past a limit never exceed it together',
    async (scenario: StandardScenario) => {
      // Two clients with their own database connections, as two processes have.
      const processes = [createDriverAdapter(), createDriverAdapter()]
      try {
        const sender = { userId: scenario.user.alice.id, limits: limits(5) }
        const attempts = Array.from({ length: 24 }, (_, i) =>
          recordWithinSendLimits(
            sender,
            recordFor(sender.userId, `race ${i}`),
            {
              client: rawDatabaseOn(() => processes[i % 2].rawDriver),
              nowMs: NOW,
            }
          ).then(
            () => 'recorded',
            (error) => (error instanceof SendLimitError ? 'refused' : error)
          )
        )
        const outcomes = await Promise.all(attempts)

        expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(5)
        expect(outcomes.filter((o) => o === 'refused')).toHaveLength(19)
        expect(await db.mmsMessage.count()).toBe(5)
        expect(
          await db.sendCounter.findUnique({
            where: {
              key: `user:${sender.userId}:minute:${minuteWindow(NOW).id}`,
            },
          })
        ).toMatchObject({ count: 5 })
      } finally {
        await Promise.all(processes.map((p) => p.rawDriver.close()))
      }
    }
  )
})

describe('expired counters', () => {
  scenario('are deleted, and only they', async () => {
    await db.sendCounter.createMany({
      data: [
        { key: 'old', count: 3, expiresAtMs: BigInt(NOW - 1) },
        { key: 'current', count: 1, expiresAtMs: BigInt(NOW + 60_000) },
      ],
    })
    expect(await deleteExpiredCounters(NOW)).toBe(1)
    expect(await counters()).toEqual({ current: 1 })
  })

  scenario('are swept at most once per interval in a process', async () => {
    // Later than any send in this file, whose sweeps ran at NOW.
    const later = NOW + 100 * SWEEP_INTERVAL_MS
    const expired = (key: string) =>
      db.sendCounter.create({
        data: { key, count: 1, expiresAtMs: BigInt(later - 1) },
      })
    await expired('first')
    await sweepExpiredCountersWhenDue(later)
    await expired('second')
    await sweepExpiredCountersWhenDue(later + SWEEP_INTERVAL_MS - 1)
    expect(Object.keys(await counters())).toEqual(['second'])
    await sweepExpiredCountersWhenDue(later + SWEEP_INTERVAL_MS)
    expect(await counters()).toEqual({})
  })

  scenario(
    'outlive their window by a grace period, so a late clock still finds them',
    async (scenario: StandardScenario) => {
      const sender = { userId: scenario.user.alice.id, limits: limits(1) }
      await sendSeries(sender, 1)
      const minute = await db.sendCounter.findFirstOrThrow({
        where: { key: { contains: ':minute:' } },
      })
      expect(Number(minute.expiresAtMs)).toBe(
        Date.parse(NEXT_MINUTE) + 5 * 60_000
      )
      expect(await deleteExpiredCounters(Date.parse(NEXT_MINUTE))).toBe(0)
    }
  )
})

describe('sendUsageToday', () => {
  scenario(
    'counts the user’s messages since midnight UTC',
    async (scenario: StandardScenario) => {
      const alice = scenario.user.alice.id
      const at = (iso: string, userId = alice) =>
        db.mmsMessage.create({
          data: {
            userId,
            provider: 'aws',
            originationIdentity: '+18445550100',
            destinationPhoneNumber: '+12065550123',
            requestHash: iso,
            createdAt: new Date(iso),
          },
        })
      await at('2026-11-22T23:59:59.999Z')
      await at('2026-11-23T00:00:00.000Z')
      await at('2026-11-23T10:00:00.000Z')
      await at('2026-11-23T10:00:00.000Z', scenario.user.bob.id)

      expect(await sendUsageToday(alice, NOW)).toBe(2)
      expect(await sendUsageToday(scenario.user.bob.id, NOW)).toBe(1)
    }
  )
})
