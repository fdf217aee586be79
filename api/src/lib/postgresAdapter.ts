import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'

import type { RawDriver, RunStatement } from './rawDb'

// Prisma's pg adapter 6.19 has no column type for PostgreSQL's own catalog
// types `name` and `"char"`, and fails on any result holding one ("Column
// type 'name' could not be deserialized"): the Wasm schema engine reads the
// catalogs that way, so `prisma migrate deploy` and `db push` fail on every
// database (https://github.com/prisma/orm/issues/27403). Both arrive as plain
// strings; reporting them as text lets the adapter pass them on. Remove this
// once the adapter maps them itself.
const READ_AS_TEXT = new Set([18, 19]) // "char", name
const TEXT = 25

type QueryResult = { fields?: { dataTypeID: number }[] } | undefined

const asText = <T extends QueryResult>(result: T): T => {
  for (const field of result?.fields ?? []) {
    if (READ_AS_TEXT.has(field.dataTypeID)) {
      field.dataTypeID = TEXT
    }
  }
  return result
}

class CatalogTypesClient extends pg.Client {}

const query = pg.Client.prototype.query
CatalogTypesClient.prototype.query = function (
  this: pg.Client,
  ...args: unknown[]
) {
  const last = args.length - 1
  const callback = args[last]
  if (typeof callback === 'function') {
    args[last] = (error: Error | null, result: QueryResult) =>
      callback(error, error ? result : asText(result))
    return (query as (...a: unknown[]) => unknown).apply(this, args)
  }
  const result = (query as (...a: unknown[]) => unknown).apply(this, args)
  return result instanceof Promise ? result.then(asText) : result
} as typeof query

/**
 * Prisma's pg adapter 6.19 runs a migration script by splitting it at every
 * ";", comments and string literals included, and runs the pieces one by one,
 * each committed on its own. Sent whole, as a simple query (no parameters),
 * PostgreSQL runs the script's statements in one implicit transaction: a
 * migration applies entirely or not at all, as with Prisma's native engine.
 */
class PostgresAdapterFactory extends PrismaPg {
  /** Raw statements (rawDb.ts) on the pool Prisma's adapter uses. */
  readonly rawDriver: RawDriver

  constructor(pool: pg.Pool, options?: ConstructorParameters<typeof PrismaPg>[1]) {
    super(pool, options)
    this.rawDriver = postgresRawDriver(pool)
  }

  async connect() {
    return wholeScripts(await super.connect())
  }

  async connectToShadowDb() {
    return wholeScripts(await super.connectToShadowDb())
  }
}

const wholeScripts = <T extends Awaited<ReturnType<PrismaPg['connect']>>>(
  adapter: T
): T => {
  adapter.executeScript = async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] })
  }
  return adapter
}

/** Prisma's pg adapter; a `?schema=` in the URL (as Prisma's docs write it) selects the schema. */
export const createPostgresAdapter = (url: string) => {
  const parsed = new URL(url)
  const schema = parsed.searchParams.get('schema') ?? undefined
  parsed.searchParams.delete('schema')
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    Client: CatalogTypesClient,
    // Idle connections do not keep a process alive: a script that never
    // disconnects exits when done, not when the pool's idle timer ends.
    allowExitOnIdle: true,
  })
  // An idle connection the server ended (a restart, a dropped database) is
  // removed from the pool, which opens a new one when next needed; without a
  // listener, its error would end the process.
  pool.on('error', () => {})
  return new PostgresAdapterFactory(pool, schema ? { schema } : undefined)
}

// Prisma keeps DateTime in `timestamp(3)` columns, without a time zone, in
// UTC: values are written and read as UTC whatever the process's zone.
const TIMESTAMP = 1114
const utcTimestamp = (text: string) => new Date(`${text.replace(' ', 'T')}Z`)
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP
      ? utcTimestamp
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

const postgresValue = (value: unknown) =>
  value instanceof Date ? value.toISOString().slice(0, -1) : value

const runOn =
  (client: Pick<pg.Pool, 'query'>): RunStatement =>
  async (statement) => {
    const result = await client.query({
      text: statement.text,
      values: statement.values.map(postgresValue),
      types,
    })
    return { rows: result.rows, rowsAffected: result.rowCount ?? 0 }
  }

const postgresRawDriver = (pool: pg.Pool): RawDriver => ({
  run: runOn(pool),
  transaction: async (work) => {
    const client = await pool.connect()
    let broken: Error | undefined
    try {
      await client.query('BEGIN')
      const result = await work(runOn(client))
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError
      })
      throw error
    } finally {
      client.release(broken)
    }
  },
  close: () => pool.end(),
})
