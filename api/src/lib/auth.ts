import type { Decoded } from '@redwoodjs/api'
import { createAuthDecoder } from '@redwoodjs/auth-dbauth-api'
import type { Decoder } from '@redwoodjs/api'
import { AuthenticationError, ForbiddenError } from '@redwoodjs/graphql-server'

import { findActiveApiKey } from './apiKeys'
import { db } from './db'
import { logger } from './logger'

export const cookieName = 'session_%port%'

/** The `auth-provider` type given to requests that carry an API key. */
export const API_KEY_AUTH_TYPE = 'api-key'

/** Who is calling: a signed-in person, or a service using one of their keys. */
export interface CurrentUser {
  id: number
  email: string
  /** Set when the call was made with an API key. */
  apiKeyId?: string
  [key: string]: unknown
}

const apiKeyDecoder: Decoder = async (token, type) => {
  if (type !== API_KEY_AUTH_TYPE) {
    return null
  }
  const apiKey = await findActiveApiKey(db, token)
  if (!apiKey) {
    logger.info('Refused an unknown or revoked API key')
    return null
  }
  // Fire and forget: a failed timestamp must not fail the call.
  db.apiKey
    .update({ where: { id: apiKey.id }, data: { lastUsedAt: new Date() } })
    .catch((err: unknown) => logger.warn({ err }, 'Could not record API key use'))
  return { apiKeyId: apiKey.id, userId: apiKey.userId }
}

export const authDecoder = [createAuthDecoder(cookieName), apiKeyDecoder]

export const getCurrentUser = async (
  decoded: Decoded
): Promise<CurrentUser | null> => {
  if (decoded && typeof decoded.apiKeyId === 'string') {
    const user = await db.user.findUnique({
      where: { id: decoded.userId as number },
      select: { id: true, email: true },
    })
    return user ? { ...user, apiKeyId: decoded.apiKeyId } : null
  }
  // No decoder accepted the credentials (an unknown or revoked key, an
  // expired session): the caller is simply not signed in.
  if (!decoded || typeof decoded.id !== 'number') {
    return null
  }
  return db.user.findUnique({
    where: { id: decoded.id },
    select: { id: true, email: true },
  })
}

export const isAuthenticated = (): boolean => !!context.currentUser

/** The signed-in caller; throws when there is none. */
export const currentUserOf = (ctx: { currentUser?: unknown }): CurrentUser => {
  const user = ctx.currentUser as CurrentUser | undefined | null
  if (!user) {
    throw new AuthenticationError("You don't have permission to do that.")
  }
  return user
}

// Roles are not used; the signature is Redwood's so directives keep working.
export const hasRole = (_roles?: string | string[]): boolean => false

export const requireAuth = ({ roles }: { roles?: string | string[] } = {}) => {
  if (!isAuthenticated()) {
    throw new AuthenticationError("You don't have permission to do that.")
  }
  if (roles && !hasRole(roles)) {
    throw new ForbiddenError("You don't have access to do that.")
  }
}
