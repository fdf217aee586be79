import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

import type { PrismaClient } from '@prisma/client'

import { db } from 'src/lib/db'
import { databaseUrl, resolveSqliteUrl } from 'src/lib/dbAdapter'

import { CATCH_UP_MS, passSendGate, reserveSendSlot } from './pacing'
import { IDENTITY, NOW } from './sendQueue.fixtures'

const OTHER_IDENTITY = 'pool-abc'

/** Reserves a slot in a transaction of its own, as sendMms does. */
const reserveIn = (
  client: PrismaClient,
  identity: string,
  intervalMs: number,
  notBeforeMs: number
) =>
  client.$transaction((tx) =>
    reserveSendSlot(tx, identity, intervalMs, notBeforeMs)
  )

const gateIn = (
  client: PrismaClient,
  identity: string,
  intervalMs: number,
  nowMs: number
) => client.$transaction((tx) => passSendGate(tx, identity, intervalMs, nowMs))

const apiDir = path.resolve(__dirname, '../../..')

/**
 * What each process runs: `times` calls, each in a transaction of its own on
 * the project's database adapter, as sendMms (slots, retried while SQLite is
 * busy) and startAttempt (the gate) make them.
 */
const PROCESS_SCRIPT = `
  const { createRequire } = require('node:module')
  const { PrismaClient } = createRequire(${JSON.stringify(`${apiDir}/package.json`)})('@prisma/client')
  const { createDriverAdapter, retryWhileBusy } = require(${JSON.stringify(`${apiDir}/src/lib/dbAdapter.ts`)})
  const { reserveSendSlot, passSendGate } = require(${JSON.stringify(`${apiDir}/src/lib/sendQueue/pacing.ts`)})
  const task = JSON.parse(process.env.PACING_TASK)
  const db = new PrismaClient({ adapter: createDriverAdapter(task.url) })
  const once = () =>
    task.call === 'reserve'
      ? retryWhileBusy(() =>
          db.$transaction((tx) =>
            reserveSendSlot(tx, task.identity, task.intervalMs, task.atMs)
          )
        )
      : db.$transaction((tx) =>
          passSendGate(tx, task.identity, task.intervalMs, task.atMs)
        )
  const main = async () => {
    await db.$queryRawUnsafe('SELECT 1')
    await new Promise((resolve) => setTimeout(resolve, task.startAt - Date.now()))
    const results = []
    for (let i = 0; i < task.times; i++) results.push(await once())
    await db.$disconnect()
    process.stdout.write(JSON.stringify(results))
  }
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
`

/**
 * Runs pacing.ts in `count` processes of their own, each with its own
 * database connection, all starting at the same moment, and returns what
 * each process's calls returned. One process cannot stand in for several: a
 * Prisma client runs one transaction at a time, and libSQL waits for SQLite's
 * locks with the event loop stopped.
 */
const inProcesses = async <T>(
  count: number,
  call: 'reserve' | 'gate',
  times: number,
  args: { identity: string; intervalMs: number; atMs: number }
): Promise<T[][]> => {
  const task = {
    call,
    times,
    ...args,
    url: resolveSqliteUrl(databaseUrl()),
    startAt: Date.now() + 2_000,
  }
  const tsx = path.join(apiDir, '..', 'node_modules', '.bin', 'tsx')
  const outputs = await Promise.all(
    Array.from({ length: count }, () =>
      promisify(execFile)(tsx, ['--eval', PROCESS_SCRIPT], {
        cwd: apiDir,
        env: { ...process.env, PACING_TASK: JSON.stringify(task) },
      })
    )
  )
  return outputs.map(({ stdout }) => JSON.parse(stdout) as T[])
}

describe('reserveSendSlot', () => {
  scenario(
    'hands out an identity’s slots one interval apart, from the time asked for',
    async () => {
      const slots = []
      for (let i = 0; i < 4; i++) {
        slots.push(await reserveIn(db, IDENTITY, 250, NOW))
      }
      expect(slots).toEqual([NOW, NOW + 250, NOW + 500, NOW + 750])
    }
  )

  scenario(
    'starts again from the time asked for once the schedule is behind it, and never goes back',
    async () => {
      expect(await reserveIn(db, IDENTITY, 250, NOW)).toBe(NOW)
      expect(await reserveIn(db, IDENTITY, 250, NOW + 10_000)).toBe(
        NOW + 10_000
      )
      expect(await reserveIn(db, IDENTITY, 250, NOW + 100)).toBe(NOW + 10_250)
    }
  )

  scenario('keeps one schedule per identity', async () => {
    await reserveIn(db, IDENTITY, 1_000, NOW)
    await reserveIn(db, IDENTITY, 1_000, NOW)
    expect(await reserveIn(db, OTHER_IDENTITY, 1_000, NOW)).toBe(NOW)
    expect(await reserveIn(db, IDENTITY, 1_000, NOW)).toBe(NOW + 2_000)
  })

  scenario(
    'reserves nothing in a transaction that is rolled back',
    async () => {
      await expect(
        db.$transaction(async (tx) => {
          await reserveSendSlot(tx, IDENTITY, 250, NOW)
          throw new Error('the message could not be recorded')
        })
      ).rejects.toThrow('the message could not be recorded')
      expect(await reserveIn(db, IDENTITY, 250, NOW)).toBe(NOW)
    }
  )

  scenario(
    'gives every one of many concurrent transactions, in four processes, its own slot, one interval apart',
    async () => {
      const slots = (
        await inProcesses<number>(4, 'reserve', 10, {
          identity: IDENTITY,
          intervalMs: 40,
          atMs: NOW,
        })
      ).flat()
      expect(slots.sort((a, b) => a - b)).toEqual(
        Array.from({ length: 40 }, (_, k) => NOW + k * 40)
      )
    }
  )
})

describe('passSendGate', () => {
  scenario(
    'lets a request out only once the identity’s previous one was due an interval ago',
    async () => {
      // A request with none before it counts as due CATCH_UP_MS ago.
      expect(await gateIn(db, IDENTITY, 1_000, NOW)).toEqual({ passed: true })
      const due = NOW - CATCH_UP_MS + 1_000
      expect(await gateIn(db, IDENTITY, 1_000, NOW + 300)).toEqual({
        passed: false,
        waitMs: due - (NOW + 300),
      })
      expect(await gateIn(db, IDENTITY, 1_000, due - 1)).toEqual({
        passed: false,
        waitMs: 1,
      })
      expect(await gateIn(db, IDENTITY, 1_000, due)).toEqual({ passed: true })
      expect(await gateIn(db, IDENTITY, 1_000, due + 500)).toEqual({
        passed: false,
        waitMs: 500,
      })
    }
  )

  scenario(
    'keeps a request that went out a little late from delaying the next one, up to CATCH_UP_MS',
    async () => {
      expect(await gateIn(db, IDENTITY, 100, NOW)).toEqual({ passed: true })
      const firstDue = NOW - CATCH_UP_MS
      // Due at firstDue + 100; out CATCH_UP_MS late: the next is still due at firstDue + 200.
      expect(
        await gateIn(db, IDENTITY, 100, firstDue + 100 + CATCH_UP_MS)
      ).toEqual({ passed: true })
      expect(await gateIn(db, IDENTITY, 100, firstDue + 200)).toEqual({
        passed: true,
      })
      // Out 50 ms late, more than CATCH_UP_MS: the schedule moves, no burst.
      expect(await gateIn(db, IDENTITY, 100, firstDue + 350)).toEqual({
        passed: true,
      })
      expect(await gateIn(db, IDENTITY, 100, firstDue + 400)).toEqual({
        passed: false,
        waitMs: 350 - CATCH_UP_MS + 100 - 400,
      })
    }
  )

  scenario('keeps one gate per identity', async () => {
    expect(await gateIn(db, IDENTITY, 1_000, NOW)).toEqual({ passed: true })
    expect(await gateIn(db, OTHER_IDENTITY, 1_000, NOW)).toEqual({
      passed: true,
    })
  })

  scenario(
    'and the reserved slots do not touch each other: reserving does not close the gate, passing it moves no slot',
    async () => {
      await reserveIn(db, IDENTITY, 1_000, NOW)
      await reserveIn(db, IDENTITY, 1_000, NOW)
      expect(await gateIn(db, IDENTITY, 1_000, NOW)).toEqual({ passed: true })
      expect(await reserveIn(db, IDENTITY, 1_000, NOW)).toBe(NOW + 2_000)
      expect(
        await db.originationPace.findUniqueOrThrow({
          where: { identity: IDENTITY },
        })
      ).toEqual({ identity: IDENTITY, nextSlotAtMs: BigInt(NOW + 3_000) })
      expect(
        await db.originationGate.findUniqueOrThrow({
          where: { identity: IDENTITY },
        })
      ).toEqual({ identity: IDENTITY, lastSendAtMs: BigInt(NOW - CATCH_UP_MS) })
    }
  )

  scenario(
    'lets exactly one request of many processes through at the same instant',
    async () => {
      const answers = (
        await inProcesses<{ passed: boolean }>(4, 'gate', 3, {
          identity: IDENTITY,
          intervalMs: 1_000,
          atMs: NOW,
        })
      ).flat()
      expect(answers.filter((answer) => answer.passed)).toHaveLength(1)
      expect(answers.filter((answer) => !answer.passed)).toEqual(
        Array(11).fill({ passed: false, waitMs: 1_000 - CATCH_UP_MS })
      )
    }
  )
})
