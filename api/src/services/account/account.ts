import type { MutationchangePasswordArgs } from 'types/graphql'

import {
  hashPassword,
  passwordProblem,
  verifyPassword,
} from 'src/lib/accounts/passwords'
import { revokeUserSessions } from 'src/lib/accounts/sessions'
import { sessionUserOf } from 'src/lib/auth'
import { db } from 'src/lib/db'
import { fieldError } from 'src/lib/fieldValidationError'
import { logger } from 'src/lib/logger'

export const changePassword = async ({
  currentPassword,
  newPassword,
}: MutationchangePasswordArgs): Promise<boolean> => {
  const caller = sessionUserOf(context)
  const user = await db.user.findUniqueOrThrow({ where: { id: caller.id } })
  if (!(await verifyPassword(currentPassword, user))) {
    throw fieldError('currentPassword', 'This is not your current password.')
  }
  const problem = passwordProblem(newPassword)
  if (problem) {
    throw fieldError('newPassword', problem)
  }
  if (newPassword === currentPassword) {
    throw fieldError(
      'newPassword',
      'Choose a password different from the current one.'
    )
  }
  const hashed = await hashPassword(newPassword)
  await db.user.update({
    where: { id: user.id },
    data: { ...hashed, resetToken: null, resetTokenExpiresAt: null },
  })
  await revokeUserSessions(user.id, caller.sessionId)
  logger.info({ userId: user.id }, 'Password changed; other sessions ended')
  return true
}
