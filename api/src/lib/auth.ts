import type { Decoded } from '@redwoodjs/api'
import { createAuthDecoder } from '@redwoodjs/auth-dbauth-api'
import { AuthenticationError, ForbiddenError } from '@redwoodjs/graphql-server'

import { db } from './db'

export const cookieName = 'session_%port%'

/** Who is calling: a signed-in person, or a service using one of their keys. */
export interface CurrentUser {
  id: number
  email: string
  /** Set when the call was made with an API key. */
  apiKeyId?: string
  [key: string]: unknown
}

export const authDecoder = createAuthDecoder(cookieName)

export const getCurrentUser = async (
  decoded: Decoded
): Promise<CurrentUser | null> => {
  // No valid session (expired, or another kind of credential): the caller
  // is simply not signed in here; API keys are handled by useApiKeyAuth.
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
