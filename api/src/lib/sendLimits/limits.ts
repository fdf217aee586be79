import { mmsConfig, type SendLimitDefaults } from 'src/lib/config'
import { db, rawDb } from 'src/lib/db'
import { optionalNumberOf } from 'src/lib/rawDb'

import { currentTimeMs, dayWindow } from './windows'

export interface SendLimits {
  ratePerMinute: number
  /** Per UTC day. */
  dailyQuota: number
}

/** A user's limits: their own overrides where an admin set them, else the configured defaults. */
export const sendLimitsFor = (
  user: {
    id: number
    sendRatePerMinute: number | null
    dailySendQuota: number | null
  },
  defaults: SendLimitDefaults = mmsConfig().sendLimits
): SendLimits => ({
  ratePerMinute: user.sendRatePerMinute ?? defaults.userRatePerMinute,
  dailyQuota: user.dailySendQuota ?? defaults.userDailyQuota,
})

/** A user's limits as stored now (one statement on the send path). */
export const userSendLimits = async (
  userId: number,
  defaults: SendLimitDefaults = mmsConfig().sendLimits
): Promise<SendLimits> => {
  const [user] = await rawDb.$queryRaw<Record<string, unknown>[]>`
    SELECT "sendRatePerMinute", "dailySendQuota" FROM "User"
    WHERE "id" = ${userId}`
  if (!user) {
    throw new Error(`User ${userId} is gone`)
  }
  return sendLimitsFor(
    {
      id: userId,
      sendRatePerMinute: optionalNumberOf(user.sendRatePerMinute),
      dailySendQuota: optionalNumberOf(user.dailySendQuota),
    },
    defaults
  )
}

/** Each API key's own limits, within its user's. */
export const apiKeySendLimits = (
  defaults: SendLimitDefaults = mmsConfig().sendLimits
): SendLimits => ({
  ratePerMinute: defaults.apiKeyRatePerMinute,
  dailyQuota: defaults.apiKeyDailyQuota,
})

/**
 * Messages the user has recorded since midnight UTC, by every key and the web
 * app: what their daily quota counts, since a message is recorded in the
 * same transaction that takes it from the quota.
 */
export const sendUsageToday = (
  userId: number,
  nowMs: number = currentTimeMs()
): Promise<number> =>
  db.mmsMessage.count({
    where: { userId, createdAt: { gte: new Date(dayWindow(nowMs).startMs) } },
  })
