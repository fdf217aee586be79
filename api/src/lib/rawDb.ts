import { Prisma } from '@prisma/client'

/**
 * What a statement written as SQL needs of a database: the part of Prisma's
 * client that runs tagged SQL. A Prisma client or transaction is one, and so
 * is the driver-level database below, so a helper written against it runs
 * in either.
 *
 * Results are the driver's own values: a DateTime column may arrive as a
 * Date or as its stored text, an integer as a number, a bigint or a string,
 * a Boolean as a boolean or 0/1. Read them through rawValues.ts.
 */
export interface RawClient {
  $queryRaw<T = unknown>(
    query: TemplateStringsArray | Prisma.Sql,
    ...values: unknown[]
  ): Promise<T>
  $executeRaw(
    query: TemplateStringsArray | Prisma.Sql,
    ...values: unknown[]
  ): Promise<number>
}

export interface RawDatabase extends RawClient {
  /**
   * Runs `work` in one transaction, committed when it resolves and rolled
   * back when it throws. Never call Prisma's client inside it: on SQLite both
   * share one connection, which the transaction holds until it ends.
   */
  $transaction<T>(work: (tx: RawClient) => Promise<T>): Promise<T>
}

export interface RawResult {
  rows: Record<string, unknown>[]
  rowsAffected: number
}

/** Runs one statement (its text and values as Prisma.Sql builds them). */
export type RunStatement = (statement: Prisma.Sql) => Promise<RawResult>

/** A database's driver, as dbAdapter.ts provides it for SQLite and PostgreSQL. */
export interface RawDriver {
  run: RunStatement
  transaction<T>(work: (run: RunStatement) => Promise<T>): Promise<T>
  /** Closes its connections (a script's or a test's own driver). */
  close(): Promise<void>
}

const statementOf = (
  query: TemplateStringsArray | Prisma.Sql,
  values: unknown[]
): Prisma.Sql =>
  // A template's strings are an array; Prisma.Sql is a class the runtime
  // does not export, built with Prisma.sql.
  Array.isArray(query)
    ? Prisma.sql(query as TemplateStringsArray, ...(values as Prisma.Sql['values']))
    : (query as Prisma.Sql)

const clientOn = (run: RunStatement): RawClient => ({
  $queryRaw: async <T>(
    query: TemplateStringsArray | Prisma.Sql,
    ...values: unknown[]
  ) => (await run(statementOf(query, values))).rows as T,
  $executeRaw: async (
    query: TemplateStringsArray | Prisma.Sql,
    ...values: unknown[]
  ) => (await run(statementOf(query, values))).rowsAffected,
})

/**
 * The database through its driver alone, without Prisma's query planning:
 * about a tenth of the cost of a Prisma model query per statement, for the
 * statements every send makes.
 */
export const rawDatabaseOn = (driver: () => RawDriver): RawDatabase => ({
  ...clientOn((statement) => driver().run(statement)),
  $transaction: (work) =>
    driver().transaction((run) => work(clientOn(run))),
})

/** A DateTime column's value, whichever form the driver gave it in. */
export const dateOf = (value: unknown): Date => {
  if (value instanceof Date) return value
  if (typeof value === 'string' || typeof value === 'number') {
    return new Date(value)
  }
  throw new TypeError(`Not a stored date: ${String(value)}`)
}

export const optionalDateOf = (value: unknown): Date | null =>
  value === null || value === undefined ? null : dateOf(value)

/** An integer column's value (a number, a bigint or a numeric string). */
export const numberOf = (value: unknown): number => Number(value)

export const optionalNumberOf = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value)

/** A Boolean column's value (SQLite keeps 0 and 1). */
export const optionalBooleanOf = (value: unknown): boolean | null =>
  value === null || value === undefined ? null : Boolean(Number(value))
