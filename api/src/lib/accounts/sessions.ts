import type { User } from '@prisma/client'

import { db } from 'src/lib/db'

import { accountsConfig } from './accountsConfig'
import { SECRET_TOKEN_PATTERN, hashSecretToken, newSecretToken } from './tokens'

export const SESSION_COOKIE_NAME = 'mms_session'

/** lastSeenAt is written at most this often, so most requests write nothing. */
const TOUCH_INTERVAL_MS = 60_000

export type SessionUser = Pick<User, 'id' | 'email' | 'role'>

export interface ActiveSession {
  sessionId: string
  user: SessionUser
}

export const createSession = async (userId: number, now = new Date()) => {
  const token = newSecretToken()
  const expiresAt = new Date(now.getTime() + accountsConfig().sessionMaxMs)
  const session = await db.session.create({
    data: {
      userId,
      tokenHash: hashSecretToken(token),
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    },
  })
  return { token, sessionId: session.id, expiresAt }
}

const cookieAttributes = () =>
  ['Path=/', 'HttpOnly', 'SameSite=Strict'].concat(
    accountsConfig().secureCookies ? ['Secure'] : []
  )

/** The cookie ends with the browser session; the server decides when the session ends. */
export const sessionCookie = (token: string): string =>
  [`${SESSION_COOKIE_NAME}=${token}`, ...cookieAttributes()].join('; ')

export const clearedSessionCookie = (): string =>
  [
    `${SESSION_COOKIE_NAME}=`,
    'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    'Max-Age=0',
    ...cookieAttributes(),
  ].join('; ')

/** The session token a request carries, or null when it has none of the right shape. */
export const sessionTokenFromCookieHeader = (
  cookieHeader: string | undefined | null
): string | null => {
  if (!cookieHeader) {
    return null
  }
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=')
    if (separator < 0) continue
    if (part.slice(0, separator).trim() === SESSION_COOKIE_NAME) {
      const value = part.slice(separator + 1).trim()
      return SECRET_TOKEN_PATTERN.test(value) ? value : null
    }
  }
  return null
}

/**
 * The session and user a token belongs to, if the session is still open: not
 * revoked, not past its absolute end or idle timeout, and its account enabled.
 * An altered token simply matches no row: there is nothing to decrypt, so no
 * padding or error oracle.
 */
export const findActiveSession = async (
  token: string,
  now = new Date()
): Promise<ActiveSession | null> => {
  const session = await db.session.findUnique({
    where: { tokenHash: hashSecretToken(token) },
    select: {
      id: true,
      lastSeenAt: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true, role: true, disabledAt: true } },
    },
  })
  if (
    !session ||
    session.revokedAt ||
    session.user.disabledAt ||
    session.expiresAt <= now ||
    session.lastSeenAt.getTime() + accountsConfig().sessionIdleMs <=
      now.getTime()
  ) {
    return null
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.session.updateMany({
      where: { id: session.id, revokedAt: null },
      data: { lastSeenAt: now },
    })
  }
  const { disabledAt: _disabled, ...user } = session.user
  return { sessionId: session.id, user }
}

export const revokeSessionByToken = (token: string) =>
  db.session.updateMany({
    where: { tokenHash: hashSecretToken(token), revokedAt: null },
    data: { revokedAt: new Date() },
  })

/** Ends every open session of a user, except optionally the one making the change. */
export const revokeUserSessions = (userId: number, exceptSessionId?: string) =>
  db.session.updateMany({
    where: {
      userId,
      revokedAt: null,
      ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}),
    },
    data: { revokedAt: new Date() },
  })

/** Old rows are of no use once past their absolute end; removed now and then. */
export const deleteEndedSessions = (now = new Date()) =>
  db.session.deleteMany({ where: { expiresAt: { lt: now } } })
