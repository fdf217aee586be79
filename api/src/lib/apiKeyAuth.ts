import type { Plugin } from 'graphql-yoga'

import { getAuthProviderHeader, getEventHeader } from '@redwoodjs/api'
import type { RedwoodGraphQLContext } from '@redwoodjs/graphql-server'

import { isRole } from './accounts/roles'
import { findActiveApiKey } from './apiKeys'
import type { CurrentUser } from './auth'
import { db } from './db'
import { logger } from './logger'

/** The signed-in user a presented API key acts for, or null. */
/** lastUsedAt is written at most this often, so most calls write nothing. */
const LAST_USED_INTERVAL_MS = 60_000

/** The signed-in user a presented API key acts for, or null. */
export const currentUserForApiKey = async (
  presented: string,
  now = new Date()
): Promise<CurrentUser | null> => {
  const apiKey = await findActiveApiKey(db, presented)
  if (!apiKey) {
    logger.info('Refused an unknown or revoked API key')
    return null
  }
  const user = await db.user.findUnique({
    where: { id: apiKey.userId },
    select: { id: true, email: true, role: true, disabledAt: true },
  })
  if (!user || user.disabledAt || !isRole(user.role)) {
    logger.info(
      { apiKeyId: apiKey.id },
      'Refused an API key of a disabled account'
    )
    return null
  }
  if (
    !apiKey.lastUsedAt ||
    now.getTime() - apiKey.lastUsedAt.getTime() >= LAST_USED_INTERVAL_MS
  ) {
    // A failed timestamp must not fail the call.
    db.apiKey
      .update({ where: { id: apiKey.id }, data: { lastUsedAt: now } })
      .catch((err: unknown) =>
        logger.warn({ err }, 'Could not record API key use')
      )
  }
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    roles: [user.role],
    apiKeyId: apiKey.id,
  }
}

export const API_KEY_AUTH_PROVIDER = 'api-key'

const bearerToken = (event: RedwoodGraphQLContext['event']): string | null => {
  const authorization = getEventHeader(event, 'Authorization')
  const match = /^Bearer (\S+)$/.exec(authorization ?? '')
  return match ? match[1] : null
}

/**
 * Services authenticate with only `Authorization: Bearer <key>`. Redwood's own
 * auth step ignores a request without an `auth-provider` header or a session
 * cookie, so this plugin, which runs after it, signs such a request in as the
 * key's owner. A browser's session wins over a bearer token it happens to
 * send, unless the request says `auth-provider: api-key`: then only the key
 * counts, and a bad key leaves the caller signed out.
 */
export const useApiKeyAuth = (): Plugin<RedwoodGraphQLContext> => ({
  async onContextBuilding({ context, extendContext }) {
    if (!context.event) {
      return
    }
    const provider = getAuthProviderHeader(context.event)
    const keyRequested = provider === API_KEY_AUTH_PROVIDER
    if ((provider && !keyRequested) || (context.currentUser && !keyRequested)) {
      return
    }
    const token = bearerToken(context.event)
    const currentUser = token ? await currentUserForApiKey(token) : null
    if (currentUser || keyRequested) {
      extendContext({ currentUser })
    }
  },
})
