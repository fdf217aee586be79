import { db } from 'src/lib/db'

import { accountsConfig } from './accountsConfig'
import { isEmailAddress, normaliseEmail } from './email'
import { hashPassword } from './passwords'
import { hashSecretToken, newSecretToken } from './tokens'

export interface AdminAccountResult {
  email: string
  created: boolean
  /** A single-use link to choose the password; only for a new account. */
  setupUrl: string | null
  setupUrlExpiresAt: Date | null
}

/**
 * Makes an account an admin from the command line, whatever the sign-up
 * policy: promotes (and re-enables) an existing account, or creates one with
 * no usable password and returns a password link for it, so no password is
 * ever typed on a command line or printed.
 */
export const ensureAdminAccount = async (
  rawEmail: string,
  now = new Date()
): Promise<AdminAccountResult> => {
  const email = normaliseEmail(rawEmail)
  if (!isEmailAddress(email)) {
    throw new Error(`"${rawEmail}" is not an email address.`)
  }
  const existing = await db.user.findUnique({ where: { email } })
  if (existing) {
    await db.user.update({
      where: { id: existing.id },
      data: { role: 'ADMIN', disabledAt: null },
    })
    return { email, created: false, setupUrl: null, setupUrlExpiresAt: null }
  }
  const token = newSecretToken()
  const expiresAt = new Date(
    now.getTime() + accountsConfig().passwordResetTtlMs
  )
  await db.user.create({
    data: {
      email,
      role: 'ADMIN',
      // A random password nobody knows until the link sets a real one.
      ...(await hashPassword(newSecretToken())),
      resetToken: hashSecretToken(token),
      resetTokenExpiresAt: expiresAt,
    },
  })
  return {
    email,
    created: true,
    setupUrl: `${accountsConfig().webUrl}/reset-password?resetToken=${token}`,
    setupUrlExpiresAt: expiresAt,
  }
}
