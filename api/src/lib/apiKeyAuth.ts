import { timingSafeEqual } from 'node:crypto'

import type { Plugin } from 'graphql-yoga'

import { getAuthProviderHeader, getEventHeader } from '@redwoodjs/api'
import type { RedwoodGraphQLContext } from '@redwoodjs/graphql-server'

import { isRole } from './accounts/roles'
import { hashApiKey, parseApiKey } from './apiKeys'
import type { CurrentUser } from './auth'
import { db, rawDb } from './db'
import { logger } from './logger'
import { numberOf, optionalDateOf } from './rawDb'

/** lastUsedAt is written at most this often, so most calls write nothing. */
const LAST_USED_INTERVAL_MS = 60_000

interface KeyWithOwner {
  id: string
  userId: number
  hashedKey: string
  lastUsedAt: Date | null
  email: string
  role: string
  disabledAt: Date | null
}

/**
 * The active key matching a presented secret, with its owner, or null (as
 * findActiveApiKey in apiKeys.ts). Every keyed request asks, so it is one
 * statement: Prisma 6 reads an included relation with a query of its own.
 * Both databases take this SQL as written.
 */
const findActiveKeyWithOwner = async (
  presented: string
): Promise<KeyWithOwner | null> => {
  const parsed = parseApiKey(presented)
  if (!parsed) {
    return null
  }
  const [row] = await rawDb.$queryRaw<Record<string, unknown>[]>`
    SELECT k."id", k."userId", k."hashedKey", k."revokedAt", k."lastUsedAt",
      u."email", u."role", u."disabledAt"
    FROM "ApiKey" k JOIN "User" u ON u."id" = k."userId"
    WHERE k."prefix" = ${parsed.prefix}`
  if (!row || row.revokedAt) {
    return null
  }
  const found: KeyWithOwner = {
    id: row.id as string,
    userId: numberOf(row.userId),
    hashedKey: row.hashedKey as string,
    lastUsedAt: optionalDateOf(row.lastUsedAt),
    email: row.email as string,
    role: row.role as string,
    disabledAt: optionalDateOf(row.disabledAt),
  }
  const expected = Buffer.from(found.hashedKey, 'hex')
  const actual = Buffer.from(hashApiKey(presented), 'hex')
  return timingSafeEqual(expected, actual) ? found : null
}

/** The signed-in user a presented API key acts for, or null. */
export const currentUserForApiKey = async (
  presented: string,
  now = new Date()
): Promise<CurrentUser | null> => {
  const apiKey = await findActiveKeyWithOwner(presented)
  if (!apiKey) {
    logger.info('Refused an unknown or revoked API key')
    return null
  }
  const { userId, email, role, disabledAt } = apiKey
  if (disabledAt || !isRole(role)) {
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
  return { id: userId, email, role, roles: [role], apiKeyId: apiKey.id }
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
