import type { Decoded } from '@redwoodjs/api'
import { getEventHeader } from '@redwoodjs/api'
import { AuthenticationError, ForbiddenError } from '@redwoodjs/graphql-server'

import type { Role } from './accounts/roles'
import {
  findActiveSession,
  sessionTokenFromCookieHeader,
} from './accounts/sessions'

/** Who is calling: a signed-in person, or a service using one of their keys. */
export interface CurrentUser {
  id: number
  email: string
  role: Role
  /** Redwood's web side reads roles from here (`hasRole`). */
  roles: Role[]
  /** Set when the call was made with a browser session. */
  sessionId?: string
  /** Set when the call was made with an API key. */
  apiKeyId?: string
  [key: string]: unknown
}

type AuthDecoder = (
  token: string,
  type: string,
  req: { event: Parameters<typeof getEventHeader>[0] }
) => Promise<Decoded>

/**
 * Browsers are signed in by the session cookie alone (the token the web
 * client sends with it is only the user id, as dbAuth's is). The cookie's
 * secret is looked up hashed in the Session table on every request, so an
 * altered, revoked, idle or expired cookie signs nobody in.
 */
export const authDecoder: AuthDecoder = async (_token, type, { event }) => {
  if (type !== 'dbAuth') {
    return null
  }
  const token = sessionTokenFromCookieHeader(getEventHeader(event, 'Cookie'))
  const session = token ? await findActiveSession(token) : null
  if (!session) {
    return null
  }
  return { ...session.user, sessionId: session.sessionId }
}

export const getCurrentUser = async (
  decoded: Decoded
): Promise<CurrentUser | null> => {
  if (
    !decoded ||
    typeof decoded.id !== 'number' ||
    typeof decoded.sessionId !== 'string'
  ) {
    return null
  }
  const role = decoded.role as Role
  return {
    id: decoded.id,
    email: decoded.email as string,
    role,
    roles: [role],
    sessionId: decoded.sessionId,
  }
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

export const hasRole = (roles?: string | string[]): boolean => {
  const user = context.currentUser as CurrentUser | undefined | null
  if (!user) {
    return false
  }
  const wanted =
    roles === undefined ? [] : Array.isArray(roles) ? roles : [roles]
  return wanted.length === 0 || wanted.includes(user.role)
}

export const requireAuth = ({ roles }: { roles?: string | string[] } = {}) => {
  if (!isAuthenticated()) {
    throw new AuthenticationError("You don't have permission to do that.")
  }
  if (roles && !hasRole(roles)) {
    throw new ForbiddenError("You don't have access to do that.")
  }
}

/**
 * The caller, when signed in with a browser session. Account and member
 * management is for people: an API key acting for an admin cannot do it.
 */
export const sessionUserOf = (ctx: {
  currentUser?: unknown
}): CurrentUser & { sessionId: string } => {
  const user = currentUserOf(ctx)
  if (!user.sessionId) {
    throw new ForbiddenError('Sign in to the app to do that; API keys cannot.')
  }
  return user as CurrentUser & { sessionId: string }
}
