import type { User } from '@prisma/client'
import type {
  MutationsetMemberDisabledArgs,
  MutationsetMemberLimitsArgs,
} from 'types/graphql'

import { accountsConfig } from 'src/lib/accounts/accountsConfig'
import { revokeUserSessions } from 'src/lib/accounts/sessions'
import { invitationsRefusal } from 'src/lib/accounts/signupPolicy'
import { sessionUserOf } from 'src/lib/auth'
import { db } from 'src/lib/db'
import { fieldError } from 'src/lib/fieldValidationError'
import { logger } from 'src/lib/logger'
import { sendLimitsFor, sendUsageToday } from 'src/lib/sendLimits'

/** The largest override an admin may set; the defaults come from configuration. */
export const LIMIT_OVERRIDE_MAX = 1_000_000

const memberOf = async (user: User) => {
  const limits = sendLimitsFor(user)
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    disabledAt: user.disabledAt,
    createdAt: user.createdAt,
    sendRatePerMinute: limits.ratePerMinute,
    dailySendQuota: limits.dailyQuota,
    sendRatePerMinuteOverride: user.sendRatePerMinute,
    dailySendQuotaOverride: user.dailySendQuota,
    sentToday: await sendUsageToday(user.id),
  }
}

export const members = async () => {
  sessionUserOf(context)
  const users = await db.user.findMany({ orderBy: { id: 'asc' } })
  return Promise.all(users.map(memberOf))
}

export const signupSettings = () => {
  sessionUserOf(context)
  const { signupPolicy, signupEmailDomains } = accountsConfig()
  return {
    policy: signupPolicy,
    emailDomains: signupEmailDomains,
    invitationsAllowed: invitationsRefusal() === null,
  }
}

const findMember = async (id: number) => {
  const user = await db.user.findUnique({ where: { id } })
  if (!user) {
    throw fieldError('id', 'There is no member with this id.')
  }
  return user
}

export const setMemberDisabled = async ({
  id,
  disabled,
}: MutationsetMemberDisabledArgs) => {
  const caller = sessionUserOf(context)
  if (id === caller.id && disabled) {
    throw fieldError('id', 'You cannot disable your own account.')
  }
  await findMember(id)
  const user = await db.user.update({
    where: { id },
    data: { disabledAt: disabled ? new Date() : null },
  })
  if (disabled) {
    await revokeUserSessions(id)
  }
  logger.info({ userId: id, by: caller.id, disabled }, 'Member access changed')
  return memberOf(user)
}

const checkOverride = (field: string, value: number | null | undefined) => {
  if (value === null || value === undefined) {
    return null
  }
  if (!Number.isInteger(value) || value < 0 || value > LIMIT_OVERRIDE_MAX) {
    throw fieldError(
      field,
      `Give a whole number from 0 to ${LIMIT_OVERRIDE_MAX.toLocaleString('en-US')}, or nothing for the default.`
    )
  }
  return value
}

export const setMemberLimits = async ({
  id,
  sendRatePerMinute,
  dailySendQuota,
}: MutationsetMemberLimitsArgs) => {
  const caller = sessionUserOf(context)
  const data = {
    sendRatePerMinute: checkOverride('sendRatePerMinute', sendRatePerMinute),
    dailySendQuota: checkOverride('dailySendQuota', dailySendQuota),
  }
  await findMember(id)
  const user = await db.user.update({ where: { id }, data })
  logger.info({ userId: id, by: caller.id, ...data }, 'Member limits changed')
  return memberOf(user)
}
