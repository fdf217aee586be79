import Database from 'libsql'

type Statement = ReturnType<Database.Database['prepare']>
type Value = null | string | number | bigint | ArrayBuffer
type Arg = null | string | number | bigint | boolean | Uint8Array | ArrayBuffer

/** What sqliteClient.ts and Prisma's adapter read of a result, as libSQL's client gives it. */
export interface SqliteResult {
  columns: string[]
  columnTypes: string[]
  /** Each row's values in column order. */
  rows: Value[][]
  rowsAffected: number
  lastInsertRowid: bigint | undefined
}

export interface SqliteStatement {
  sql: string
  args?: readonly Arg[]
}

/** One connection to a SQLite file, as sqliteClient.ts uses it. */
export interface SqliteConnection {
  execute(stmt: SqliteStatement | string): Promise<SqliteResult>
  executeMultiple(sql: string): Promise<void>
  close(): void
}

interface Prepared {
  statement: Statement
  /** Null for a statement that returns no rows. */
  columns: string[] | null
  columnTypes: string[]
}

/** Statements kept prepared per connection; the send path uses about twenty. */
const STATEMENT_CACHE_SIZE = 200

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

// As libSQL's client in its default "number" integer mode: exact or refused.
const fromSqlite = (value: unknown): Value => {
  if (typeof value === 'bigint') {
    if (value < MIN_SAFE || value > MAX_SAFE) {
      throw new RangeError(
        'Received integer which cannot be safely represented as a JavaScript number'
      )
    }
    return Number(value)
  }
  if (value instanceof Buffer) {
    return value.buffer.slice(
      value.byteOffset,
      value.byteOffset + value.byteLength
    ) as ArrayBuffer
  }
  return value as Value
}

const toSqlite = (value: Arg) =>
  typeof value === 'boolean'
    ? Number(value)
    : value instanceof ArrayBuffer
      ? Buffer.from(value)
      : value

// Errors carry SQLite's code and extended code as libSQL's client's do, so
// Prisma's adapter and the busy handling read them alike.
const asClientError = (error: unknown) => {
  const { code, rawCode, message } = (error ?? {}) as {
    code?: unknown
    rawCode?: unknown
    message?: unknown
  }
  if (typeof code !== 'string' || typeof message !== 'string') {
    return error
  }
  return Object.assign(new Error(`${code}: ${message}`, { cause: error }), {
    code,
    rawCode,
  })
}

/**
 * A SQLite connection through libSQL that keeps its statements prepared.
 * libSQL's own client prepares every statement anew and asks each for its
 * columns, which cost more than running most of them.
 */
class CachedStatementsConnection implements SqliteConnection {
  readonly #db: Database.Database
  readonly #prepared = new Map<string, Prepared>()

  constructor(path: string) {
    this.#db = new Database(path)
  }

  async execute(stmt: SqliteStatement | string): Promise<SqliteResult> {
    const { sql, args = [] } = typeof stmt === 'string' ? { sql: stmt } : stmt
    const prepared = this.#prepare(sql)
    try {
      const values = args.map(toSqlite)
      if (prepared.columns) {
        const rows = (prepared.statement.all(values) as unknown[][]).map(
          (row) => row.map(fromSqlite)
        )
        return {
          columns: prepared.columns,
          columnTypes: prepared.columnTypes,
          rows,
          rowsAffected: 0,
          lastInsertRowid: undefined,
        }
      }
      const info = prepared.statement.run(values)
      return {
        columns: [],
        columnTypes: [],
        rows: [],
        rowsAffected: info.changes,
        lastInsertRowid: BigInt(info.lastInsertRowid),
      }
    } catch (error) {
      // A statement that failed may stay active until it is collected.
      this.#prepared.delete(sql)
      throw asClientError(error)
    }
  }

  async executeMultiple(sql: string): Promise<void> {
    try {
      this.#db.exec(sql)
    } catch (error) {
      throw asClientError(error)
    }
  }

  close(): void {
    this.#prepared.clear()
    this.#db.close()
  }

  #prepare(sql: string): Prepared {
    const cached = this.#prepared.get(sql)
    if (cached) {
      // Most recently used last, so the first is the one to evict.
      this.#prepared.delete(sql)
      this.#prepared.set(sql, cached)
      return cached
    }
    let statement: Statement
    try {
      statement = this.#db.prepare(sql)
    } catch (error) {
      throw asClientError(error)
    }
    statement.safeIntegers(true)
    const reader = (statement as unknown as { reader: boolean }).reader
    let prepared: Prepared = { statement, columns: null, columnTypes: [] }
    if (reader) {
      statement.raw(true)
      const columns = statement.columns()
      prepared = {
        statement,
        columns: columns.map((column) => column.name),
        columnTypes: columns.map((column) => column.type ?? ''),
      }
    }
    this.#prepared.set(sql, prepared)
    if (this.#prepared.size > STATEMENT_CACHE_SIZE) {
      const [oldest] = this.#prepared.keys()
      this.#prepared.delete(oldest)
    }
    return prepared
  }
}

/** Opens `file:<path>`, or `:memory:` (Prisma's shadow database). */
export const openSqliteConnection = (url: string): SqliteConnection => {
  if (url === ':memory:' || url === 'file::memory:') {
    return new CachedStatementsConnection(':memory:')
  }
  if (!url.startsWith('file:')) {
    throw new Error(`Not a SQLite file URL: ${url}`)
  }
  return new CachedStatementsConnection(
    url.slice('file:'.length).replace(/^\/\/(?=\/)/, '')
  )
}
