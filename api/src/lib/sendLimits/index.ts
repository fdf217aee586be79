import { rawDb } from 'src/lib/db'
import { retryWhileBusy } from 'src/lib/dbAdapter'
import { logger } from 'src/lib/logger'
import type { RawClient, RawDatabase } from 'src/lib/rawDb'

import {
  COUNTER_GRACE_MS,
  sweepExpiredCountersWhenDue,
  takeFromCounters,
} from './counters'
import type { SendLimits } from './limits'
import { SendLimitError, type ReachedLimit } from './sendLimitError'
import { currentTimeMs, dayWindow, minuteWindow } from './windows'

export {
  apiKeySendLimits,
  sendLimitsFor,
  sendUsageToday,
  userSendLimits,
} from './limits'
export type { SendLimits } from './limits'
export { SendLimitError } from './sendLimitError'

/** Who is sending, with the limits that apply to them. */
export interface Sender {
  userId: number
  limits: SendLimits
  /** Set when the send is made with an API key, which has limits of its own. */
  apiKey?: { id: string; limits: SendLimits }
}

interface Counter extends ReachedLimit {
  key: string
}

/**
 * The counters one send takes from, keyed as the schema describes
 * ("user:7:minute:29389012", "apiKey:ck…:day:2026-11-23"), daily quotas
 * first: when a quota and a rate are both reached, the quota's later retry
 * time is the one that helps.
 */
const countersFor = (sender: Sender, nowMs: number): Counter[] => {
  const scopes = [
    { scope: 'USER' as const, id: `user:${sender.userId}`, ...sender.limits },
    ...(sender.apiKey
      ? [
          {
            scope: 'API_KEY' as const,
            id: `apiKey:${sender.apiKey.id}`,
            ...sender.apiKey.limits,
          },
        ]
      : []),
  ]
  const day = dayWindow(nowMs)
  const minute = minuteWindow(nowMs)
  return [
    ...scopes.map(({ scope, id, dailyQuota }) => ({
      key: `${id}:day:${day.id}`,
      scope,
      window: day,
      limit: dailyQuota,
    })),
    ...scopes.map(({ scope, id, ratePerMinute }) => ({
      key: `${id}:minute:${minute.id}`,
      scope,
      window: minute,
      limit: ratePerMinute,
    })),
  ]
}

/** Takes one send from every counter, or throws for the first one at its limit. */
const takeOneSend = async (tx: RawClient, counters: Counter[], nowMs: number) => {
  const full = new Set(
    await takeFromCounters(
      tx,
      counters.map(({ key, limit, window }) => ({
        key,
        limit,
        expiresAtMs: window.endMs + COUNTER_GRACE_MS,
      }))
    )
  )
  const reached = counters.find((counter) => full.has(counter.key))
  if (reached) {
    throw new SendLimitError(reached, nowMs)
  }
}

/**
 * Records a message and takes it from every limit that applies, in one
 * transaction: a limit reached (SendLimitError) or a failed insert (e.g. a
 * unique violation) rolls the whole of it back, so nothing is recorded and
 * nothing is counted. The counters live in the database, so the limits hold
 * across every api process.
 */
export const recordWithinSendLimits = async <T>(
  sender: Sender,
  record: (tx: RawClient) => Promise<T>,
  {
    client = rawDb,
    nowMs = currentTimeMs(),
  }: { client?: RawDatabase; nowMs?: number } = {}
): Promise<T> => {
  const counters = countersFor(sender, nowMs)
  try {
    return await retryWhileBusy(() =>
      client.$transaction(async (tx) => {
        const recorded = await record(tx)
        await takeOneSend(tx, counters, nowMs)
        return recorded
      })
    )
  } catch (error) {
    if (error instanceof SendLimitError) {
      const { code, scope, limit } = error.extensions
      logger.info(
        {
          userId: sender.userId,
          apiKeyId: sender.apiKey?.id,
          code,
          scope,
          limit,
        },
        'Send refused by a sending limit'
      )
    }
    throw error
  } finally {
    await sweepExpiredCountersWhenDue(nowMs, client)
  }
}
