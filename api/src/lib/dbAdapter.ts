import path from 'node:path'

import { PrismaLibSQL } from '@prisma/adapter-libsql'

import { createPostgresAdapter } from './postgresAdapter'
import type { RawDriver } from './rawDb'
import {
  SQLITE_BUSY_TIMEOUT_MS,
  SqliteClient,
  sqliteRawDriver,
} from './sqliteClient'
import { openSqliteConnection } from './sqliteConnection'

export type DatabaseProvider = 'sqlite' | 'postgresql'

/** Which database a URL names: `file:` is SQLite, `postgres(ql)://` PostgreSQL. */
export const databaseProvider = (url: string): DatabaseProvider => {
  if (url.startsWith('file:')) {
    return 'sqlite'
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    return 'postgresql'
  }
  throw new Error(
    'DATABASE_URL must be a SQLite file (file:…) or a PostgreSQL URL (postgresql://…)'
  )
}

// Prisma resolves `file:` URLs against the schema's folder; libSQL resolves
// them against the working directory, which differs between the CLI, the dev
// server and jest. Anchoring them here keeps one database file for all three.
const schemaDir = path.resolve(__dirname, '../../db')

export const resolveSqliteUrl = (url: string, baseDir = schemaDir): string => {
  if (!url.startsWith('file:')) {
    return url
  }
  const filePath = url.slice('file:'.length)
  return path.isAbsolute(filePath)
    ? url
    : `file:${path.resolve(baseDir, filePath)}`
}

export const databaseUrl = (): string => {
  const url = process.env.DATABASE_URL
  if (!url) {
    throw new Error('DATABASE_URL is not set (see .env.defaults)')
  }
  return url
}

/**
 * Prisma's libSQL adapter on one long-lived, configured connection
 * (sqliteClient.ts), which raw statements (rawDb.ts) share.
 */
class SqliteAdapterFactory extends PrismaLibSQL {
  readonly #url: string
  readonly #busyTimeoutMs: number
  #client: SqliteClient | undefined
  readonly rawDriver: RawDriver

  constructor(url: string, busyTimeoutMs: number) {
    super({ url })
    this.#url = url
    this.#busyTimeoutMs = busyTimeoutMs
    this.rawDriver = sqliteRawDriver(() => this.#sharedClient())
  }

  // Prisma's adapter uses only the part of libSQL's client SqliteClient has.
  createClient(config: Parameters<PrismaLibSQL['createClient']>[0]) {
    // Prisma's shadow database (migrate diff) gets a client of its own.
    return (
      config.url === this.#url ? this.#sharedClient() : this.#newClient(config.url)
    ) as unknown as ReturnType<PrismaLibSQL['createClient']>
  }

  // A client closed by Prisma's $disconnect is replaced on the next use.
  #sharedClient(): SqliteClient {
    if (!this.#client || this.#client.closed) {
      this.#client = this.#newClient(this.#url)
    }
    return this.#client
  }

  #newClient(url: string) {
    return new SqliteClient(() => openSqliteConnection(url), {
      busyTimeoutMs: this.#busyTimeoutMs,
    })
  }
}

/** The driver adapter for DATABASE_URL (or `url`): libSQL for SQLite, pg for PostgreSQL. */
export const createDriverAdapter = (
  url = databaseUrl(),
  { sqliteBusyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS } = {}
) =>
  databaseProvider(url) === 'postgresql'
    ? createPostgresAdapter(url)
    : new SqliteAdapterFactory(resolveSqliteUrl(url), sqliteBusyTimeoutMs)

// A write that waited SQLITE_BUSY_TIMEOUT_MS for another process's lock
// fails with SQLITE_BUSY ("database is locked"), and the transaction is rolled
// back, so running it again is safe. PostgreSQL waits for the row lock
// instead and never gets here.
const SQLITE_BUSY = 5
const BUSY_RETRIES = 50

interface PrismaErrorShape {
  code?: string
  /** libSQL's own error, from a raw statement (rawDb.ts). */
  rawCode?: number
  message?: string
  meta?: {
    code?: string
    message?: string
    driverAdapterError?: {
      cause?: { originalCode?: string; originalMessage?: string }
    }
  }
}

const isSqliteBusy = (error: unknown): boolean => {
  const shape = (error ?? {}) as PrismaErrorShape
  const { code, meta } = shape
  const cause = meta?.driverAdapterError?.cause
  // Model queries report the driver's error as a cause, raw queries as P2010,
  // and the driver itself as it is.
  const [rawCode, message] = cause
    ? [cause.originalCode, cause.originalMessage]
    : code === 'P2010'
      ? [meta?.code, meta?.message]
      : [shape.rawCode, shape.message]
  return (
    (Number(rawCode) & 0xff) === SQLITE_BUSY &&
    /database is locked/.test(message ?? '')
  )
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Runs a transaction again while SQLite answers SQLITE_BUSY; any other error is thrown. */
export const retryWhileBusy = async <T>(run: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (error) {
      if (attempt > BUSY_RETRIES || !isSqliteBusy(error)) {
        throw error
      }
      await pause(Math.random() * Math.min(100, 10 * attempt))
    }
  }
}

const SQLITE_CONSTRAINT_UNIQUE = [2067, 1555] // UNIQUE, PRIMARY KEY
const POSTGRES_UNIQUE_VIOLATION = '23505'

/** Whether a write failed on a unique constraint, through Prisma or a raw statement. */
export const isUniqueViolation = (error: unknown): boolean => {
  const { code, rawCode } = (error ?? {}) as PrismaErrorShape
  return (
    code === 'P2002' ||
    code === POSTGRES_UNIQUE_VIOLATION ||
    SQLITE_CONSTRAINT_UNIQUE.includes(rawCode ?? 0)
  )
}
