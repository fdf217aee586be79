import type { PrismaClient } from '@prisma/client'

import { ConfigError, mmsConfig, type MmsConfig } from 'src/lib/config'
import { deliveryEventsConfigProblems } from 'src/lib/deliveryEvents/config'
import { demoCredentialProblems } from 'src/lib/demoAccount'
import { logger } from 'src/lib/logger'

type Env = Record<string, string | undefined>

export interface ReadinessOptions {
  db: Pick<PrismaClient, '$queryRaw' | 'user' | 'apiKey'>
  env?: Env
  /** The MMS configuration as the send path reads it. */
  config?: () => MmsConfig
  /** How long the database may take to answer the trivial query. */
  databaseTimeoutMs?: number
}

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no answer within ${ms} ms`)),
      ms
    )
    work.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      }
    )
  })

/**
 * Everything that stops this process from serving correctly, one line per
 * problem and none of them holding a secret: the database answers a trivial
 * query, the MMS configuration is valid, and the published demo credentials
 * are absent outside sandbox mode. Empty when ready.
 */
export const readinessProblems = async ({
  db,
  env = process.env,
  config = mmsConfig,
  databaseTimeoutMs = 3_000,
}: ReadinessOptions): Promise<string[]> => {
  const problems: string[] = []

  try {
    config()
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error
    }
    problems.push(...error.problems)
  }
  problems.push(...deliveryEventsConfigProblems(env))

  try {
    await withTimeout(db.$queryRaw`SELECT 1`, databaseTimeoutMs)
  } catch (error) {
    // The driver's text can hold the connection string, password included.
    logger.error(
      { errorName: error instanceof Error ? error.name : typeof error },
      'Readiness: the database query failed'
    )
    problems.push(
      'The database is not reachable (a trivial query failed or timed out); check DATABASE_URL and the database server.'
    )
    return problems
  }

  problems.push(...(await demoCredentialProblems(db, env)))
  return problems
}
