import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readlinkSync } from 'node:fs'

import { PrismaClient } from '@prisma/client'

import { db } from 'src/lib/db'
import {
  createDriverAdapter,
  databaseProvider,
  databaseUrl,
  resolveSqliteUrl,
  retryWhileBusy,
} from 'src/lib/dbAdapter'

const onSqlite = databaseProvider(databaseUrl()) === 'sqlite'
const databaseFile = () => resolveSqliteUrl(databaseUrl()).slice('file:'.length)

/**
 * Another process with its own connection (as `rw exec apiKey`, a migration
 * or a second api process has) takes the write lock, writes a row, holds the
 * lock for `holdMs`, then commits. Resolves once it holds the lock.
 */
const holdWriteLockInAnotherProcess = async (key: string, holdMs: number) => {
  const script = `
    const { createClient } = require('@libsql/client')
    const client = createClient({ url: process.argv[1] })
    ;(async () => {
      await client.execute('BEGIN IMMEDIATE')
      await client.execute({
        sql: 'INSERT INTO "LoginThrottle" ("key", "failures", "lastFailureAt") VALUES (?, 1, ?)',
        args: [process.argv[2], new Date().toISOString()],
      })
      process.stdout.write('locked\\n')
      await new Promise((resolve) => setTimeout(resolve, Number(process.argv[3])))
      await client.execute('COMMIT')
      client.close()
    })().catch((error) => {
      process.stderr.write(String(error))
      process.exit(1)
    })`
  const child = spawn(
    process.execPath,
    ['-e', script, `file:${databaseFile()}`, key, String(holdMs)],
    { cwd: __dirname, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', resolve)
  )
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      if (String(chunk).includes('locked')) {
        resolve()
      }
    })
    child.once('exit', () =>
      reject(new Error(`The other process ended before locking: ${stderr}`))
    )
  })
  return { exited }
}

const openDatabaseFiles = () => {
  const file = databaseFile()
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(file)
    } catch {
      return false // closed while listing
    }
  }).length
}

const KEYS = ['other-process', 'app-write', 'app-transaction', 'retried']

afterEach(async () => {
  await db.loginThrottle.deleteMany({ where: { key: { in: KEYS } } })
})

const describeOnSqlite = onSqlite ? describe : describe.skip

describeOnSqlite('SQLite connection', () => {
  it('runs in WAL mode, syncs at NORMAL and waits for locks', async () => {
    const setting = async (name: string) =>
      Object.values(
        (
          await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`)
        )[0]
      )[0]

    expect(await setting('journal_mode')).toBe('wal')
    expect(Number(await setting('synchronous'))).toBe(1) // NORMAL
    expect(Number(await setting('busy_timeout'))).toBeGreaterThan(0)
    expect(Number(await setting('foreign_keys'))).toBe(1)
  })

  it('a write waits for another process holding the write lock, then succeeds', async () => {
    const holdMs = 800
    const other = await holdWriteLockInAnotherProcess('other-process', holdMs)

    const started = Date.now()
    await db.loginThrottle.create({
      data: { key: 'app-write', lastFailureAt: new Date() },
    })
    const waitedMs = Date.now() - started

    expect(await other.exited).toBe(0)
    expect(waitedMs).toBeGreaterThanOrEqual(holdMs - 200)
    expect(
      await db.loginThrottle.count({
        where: { key: { in: ['other-process', 'app-write'] } },
      })
    ).toBe(2)
  })

  it('a transaction that reads, then writes, waits for the lock too', async () => {
    const other = await holdWriteLockInAnotherProcess('other-process', 500)

    // A read before the write is what makes a DEFERRED transaction fail at
    // once with SQLITE_BUSY when another process writes meanwhile.
    const seenBefore = await db.$transaction(async (tx) => {
      const count = await tx.loginThrottle.count()
      await tx.loginThrottle.create({
        data: { key: 'app-transaction', lastFailureAt: new Date() },
      })
      return count
    })

    expect(await other.exited).toBe(0)
    // The transaction began after the other process committed.
    expect(seenBefore).toBe(1)
    expect(
      await db.loginThrottle.findUnique({ where: { key: 'app-transaction' } })
    ).toMatchObject({ failures: 0 })
  })

  it('a write that outlasts the busy timeout fails with SQLITE_BUSY, leaves the client working, and retryWhileBusy runs it again', async () => {
    const impatient = new PrismaClient({
      adapter: createDriverAdapter(databaseUrl(), { sqliteBusyTimeoutMs: 20 }),
    })
    const busy = {
      meta: {
        driverAdapterError: {
          cause: {
            originalCode: '5',
            originalMessage: expect.stringContaining('database is locked'),
          },
        },
      },
    }
    const write = (key: string) =>
      impatient.$transaction(async (tx) => {
        await tx.loginThrottle.create({
          data: { key, lastFailureAt: new Date() },
        })
      })
    try {
      const first = await holdWriteLockInAnotherProcess('other-process', 400)
      await expect(write('retried')).rejects.toMatchObject(busy)
      await expect(
        impatient.loginThrottle.create({
          data: { key: 'app-write', lastFailureAt: new Date() },
        })
      ).rejects.toMatchObject(busy)
      await first.exited
      // A statement that failed with SQLITE_BUSY must not stop later commits.
      await write('app-transaction')
      await db.loginThrottle.deleteMany({ where: { key: 'other-process' } })

      const second = await holdWriteLockInAnotherProcess('other-process', 400)
      await retryWhileBusy(() => write('retried'))
      expect(await second.exited).toBe(0)
      expect(
        (
          await db.loginThrottle.findMany({
            where: { key: { in: KEYS } },
            orderBy: { key: 'asc' },
          })
        ).map((row) => row.key)
      ).toEqual(['app-transaction', 'other-process', 'retried'])
    } finally {
      await impatient.$disconnect()
    }
  })

  const describeWithProc = existsSync('/proc/self/fd')
    ? describe
    : describe.skip

  describeWithProc('connections', () => {
    it('keeps one connection however many transactions run', async () => {
      const client = new PrismaClient({ adapter: createDriverAdapter() })
      try {
        await client.$queryRaw`SELECT 1`
        const before = openDatabaseFiles()
        for (let i = 0; i < 200; i++) {
          await client.$transaction(async (tx) => {
            await tx.loginThrottle.upsert({
              where: { key: 'app-transaction' },
              create: { key: 'app-transaction', lastFailureAt: new Date() },
              update: { failures: { increment: 1 } },
            })
          })
        }
        expect(openDatabaseFiles()).toBe(before)
      } finally {
        await client.$disconnect()
      }
    })
  })
})
