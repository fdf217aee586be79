import type { RawDriver, RunStatement } from './rawDb'
import type {
  SqliteConnection,
  SqliteResult,
  SqliteStatement,
} from './sqliteConnection'

/** A transaction on the shared connection, as Prisma's adapter uses one. */
export interface SqliteTransaction {
  execute(stmt: SqliteStatement | string): Promise<SqliteResult>
  batch(stmts: (SqliteStatement | string)[]): Promise<SqliteResult[]>
  executeMultiple(sql: string): Promise<void>
  commit(): Promise<void>
  rollback(): Promise<void>
  close(): void
  readonly closed: boolean
}

/**
 * How long a statement or a transaction waits in all for another
 * connection's write lock (a second api process, a worker, `rw exec apiKey`,
 * a migration) before failing with SQLITE_BUSY.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000

// libSQL runs SQLite synchronously, so SQLite's own busy timeout stops the
// event loop while it waits, and a lock held by another connection of this
// same process could not be released meanwhile. It is kept short; the rest of
// the wait happens between attempts, with the event loop free.
const NATIVE_BUSY_TIMEOUT_MS = 20
const MAX_PAUSE_MS = 50

const busyTimeoutPragma = (ms: number) =>
  `PRAGMA busy_timeout = ${Math.round(ms)}`

// WAL lets readers and one writer work at once, across processes. With WAL,
// synchronous=NORMAL keeps every committed transaction through a crash of the
// process (the commit is in the WAL file when COMMIT returns); only a power
// loss or an operating-system crash can lose the last commits before a
// checkpoint. FULL would sync the WAL on every commit to survive those too.
const pragmas = (nativeBusyTimeoutMs: number) => [
  busyTimeoutPragma(nativeBusyTimeoutMs),
  'PRAGMA journal_mode = WAL',
  'PRAGMA synchronous = NORMAL',
  'PRAGMA foreign_keys = ON',
]

const SQLITE_BUSY = 5

const isBusy = (error: unknown) =>
  ((error as { rawCode?: number } | null)?.rawCode ?? 0) % 256 === SQLITE_BUSY

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A client for a local SQLite file, in the shape Prisma's libSQL adapter
 * uses, that keeps one connection (sqliteConnection.ts) for its whole life,
 * with the settings above.
 *
 * libSQL's own local client hands its connection to each transaction and
 * opens a new one for what follows, never closing the old one (only garbage
 * collection does): thousands of open database files after thousands of
 * sends, each new connection without a busy timeout. Prisma's adapter runs
 * one statement or one transaction at a time per client, so one connection
 * serves it.
 */
export class SqliteClient {
  readonly protocol = 'file'
  closed = false
  readonly #openConnection: () => SqliteConnection
  readonly #busyTimeoutMs: number
  readonly #nativeBusyTimeoutMs: number
  #connection: Promise<SqliteConnection> | undefined
  #inTransaction = false
  #stale = false
  #queue: Promise<void> = Promise.resolve()

  /** `openConnection` opens one connection (openSqliteConnection). */
  constructor(
    openConnection: () => SqliteConnection,
    { busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS } = {}
  ) {
    this.#openConnection = openConnection
    this.#busyTimeoutMs = busyTimeoutMs
    this.#nativeBusyTimeoutMs = Math.min(busyTimeoutMs, NATIVE_BUSY_TIMEOUT_MS)
  }

  /**
   * Outside a transaction a statement that meets another connection's lock
   * is run again until the busy timeout: SQLite undoes a statement that
   * fails, so it did nothing the first time.
   */
  execute(stmt: SqliteStatement | string): Promise<SqliteResult> {
    return this.#exclusively(() =>
      this.#waitWhileBusy((connection) => connection.execute(stmt))
    )
  }

  /** Each statement on its own, as libSQL's client runs a batch outside a transaction. */
  async batch(stmts: (SqliteStatement | string)[]): Promise<SqliteResult[]> {
    const results: SqliteResult[] = []
    for (const stmt of stmts) {
      results.push(await this.execute(stmt))
    }
    return results
  }

  /**
   * A script (a migration) may commit part of its work before meeting a
   * lock, so it is not run again: SQLite itself waits the whole busy timeout.
   * Scripts run from the Prisma CLI, where a stopped event loop harms nothing.
   */
  executeMultiple(sql: string): Promise<void> {
    return this.#exclusively(() => this.#executeScript(sql))
  }

  async #executeScript(sql: string): Promise<void> {
    await this.#use((connection) =>
      connection.execute(busyTimeoutPragma(this.#busyTimeoutMs))
    )
    try {
      await this.#use((connection) => connection.executeMultiple(sql))
    } finally {
      if (this.#connection) {
        await this.#use((connection) =>
          connection.execute(busyTimeoutPragma(this.#nativeBusyTimeoutMs))
        )
      }
    }
  }

  async sync(): Promise<void> {}

  close(): void {
    this.closed = true
    this.#discard()
  }

  /**
   * Begins IMMEDIATE, taking the write lock at BEGIN: a DEFERRED transaction
   * that reads and then writes fails at once with SQLITE_BUSY when another
   * process wrote in between, whatever the busy timeout, while BEGIN
   * IMMEDIATE waits for the lock like any other statement.
   */
  async transaction(): Promise<SqliteTransaction> {
    const release = await this.#acquire()
    try {
      await this.#waitWhileBusy((connection) =>
        connection.execute('BEGIN IMMEDIATE')
      )
    } catch (error) {
      release()
      throw error
    }
    this.#inTransaction = true
    let open = true
    const end = async (sql: 'COMMIT' | 'ROLLBACK') => {
      if (!open) {
        return
      }
      open = false
      try {
        await this.#use((connection) => connection.execute(sql))
      } catch (error) {
        // A failed COMMIT leaves the transaction open on the shared
        // connection: end it, so that what follows does not run inside it.
        await this.#use((connection) => connection.execute('ROLLBACK')).catch(
          () => {}
        )
        throw error
      } finally {
        this.#inTransaction = false
        this.#discardIfStale()
        release()
      }
    }
    const checkOpen = () => {
      if (!open) {
        throw new Error('The transaction is closed')
      }
    }
    return {
      execute: async (stmt: SqliteStatement | string) => {
        checkOpen()
        return this.#use((connection) => connection.execute(stmt))
      },
      batch: async (stmts: (SqliteStatement | string)[]) => {
        const results: SqliteResult[] = []
        for (const stmt of stmts) {
          checkOpen()
          results.push(
            await this.#use((connection) => connection.execute(stmt))
          )
        }
        return results
      },
      executeMultiple: async () => {
        // libSQL's executeMultiple rolls back any open transaction when it ends.
        throw new Error('executeMultiple is not available inside a transaction')
      },
      commit: () => end('COMMIT'),
      rollback: () => end('ROLLBACK'),
      close: () => {
        void end('ROLLBACK').catch(() => {})
      },
      get closed() {
        return !open
      },
    }
  }

  /**
   * Waits for the connection: Prisma's adapter and the send path's raw
   * statements (rawDb.ts) share it, and a transaction holds it from BEGIN to
   * its end, so no statement from elsewhere lands inside another's
   * transaction.
   */
  #acquire(): Promise<() => void> {
    let release!: () => void
    const turn = new Promise<void>((resolve) => {
      release = resolve
    })
    const ahead = this.#queue
    this.#queue = ahead.then(() => turn)
    return ahead.then(() => release)
  }

  async #exclusively<T>(run: () => Promise<T>): Promise<T> {
    const release = await this.#acquire()
    try {
      return await run()
    } finally {
      release()
    }
  }

  async #waitWhileBusy<T>(
    run: (connection: SqliteConnection) => Promise<T>
  ): Promise<T> {
    const deadline = Date.now() + this.#busyTimeoutMs
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#use(run)
      } catch (error) {
        const left = deadline - Date.now()
        if (!isBusy(error) || this.#inTransaction || left <= 0) {
          throw error
        }
        await pause(
          Math.min(left, Math.random() * Math.min(MAX_PAUSE_MS, 5 * attempt))
        )
      }
    }
  }

  async #use<T>(run: (connection: SqliteConnection) => Promise<T>): Promise<T> {
    if (this.closed) {
      throw new Error('The database client is closed')
    }
    if (!this.#connection) {
      const opening = this.#open()
      this.#connection = opening
      opening.catch(() => {
        if (this.#connection === opening) {
          this.#connection = undefined
        }
      })
    }
    const connection = await this.#connection
    try {
      return await run(connection)
    } catch (error) {
      if (isBusy(error)) {
        this.#stale = true
        this.#discardIfStale()
      }
      throw error
    }
  }

  async #open(): Promise<SqliteConnection> {
    const connection = this.#openConnection()
    try {
      for (const sql of pragmas(this.#nativeBusyTimeoutMs)) {
        await connection.execute(sql)
      }
    } catch (error) {
      connection.close()
      throw error
    }
    return connection
  }

  // A statement that failed with SQLITE_BUSY stays active in libSQL until it
  // is garbage collected, and until then every COMMIT on its connection fails
  // ("SQL statements in progress"). Such a connection is closed once no
  // transaction uses it, and the next statement opens a fresh one.
  #discardIfStale() {
    if (this.#stale && !this.#inTransaction) {
      this.#discard()
    }
  }

  #discard() {
    const connection = this.#connection
    this.#connection = undefined
    this.#stale = false
    void connection?.then(
      (open) => open.close(),
      () => {}
    )
  }
}

// Prisma's libSQL adapter stores a DateTime as ISO 8601 text with an explicit
// offset; raw statements write the same, so both compare alike in SQL. The
// connection turns booleans into 0 and 1 (sqliteConnection.ts).
const sqliteValue = (value: unknown) =>
  value instanceof Date ? value.toISOString().replace('Z', '+00:00') : value

const runOn =
  (
    execute: (stmt: SqliteStatement) => Promise<SqliteResult>
  ): RunStatement =>
  async (statement) => {
    const { columns, rows, rowsAffected } = await execute({
      sql: statement.sql,
      args: statement.values.map(sqliteValue) as SqliteStatement['args'],
    })
    return {
      rows: rows.map((values) => {
        const row: Record<string, unknown> = {}
        for (let i = 0; i < columns.length; i++) {
          row[columns[i]] = values[i]
        }
        return row
      }),
      rowsAffected,
    }
  }

/** Raw statements (rawDb.ts) on the client Prisma's adapter uses. */
export const sqliteRawDriver = (client: () => SqliteClient): RawDriver => ({
  run: runOn((stmt) => client().execute(stmt)),
  transaction: async (work) => {
    const tx = await client().transaction()
    try {
      const result = await work(runOn((stmt) => tx.execute(stmt)))
      await tx.commit()
      return result
    } catch (error) {
      await tx.rollback().catch(() => {})
      throw error
    }
  },
  close: async () => client().close(),
})
