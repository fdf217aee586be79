import { currentUserForApiKey } from 'src/lib/apiKeyAuth'
import type { CurrentUser } from 'src/lib/auth'

import { unauthenticated } from './errorMapping'
import { headerOf, type RestEvent } from './http'

// The same form the GraphQL endpoint takes (lib/apiKeyAuth).
const BEARER = /^Bearer (\S+)$/

/**
 * The user an `Authorization: Bearer <key>` request acts for. Only the key
 * counts: a session cookie is ignored, so a page in a signed-in browser
 * cannot make a send on its owner's behalf (no CSRF surface).
 */
export const callerOf = async (event: RestEvent): Promise<CurrentUser> => {
  const authorization = headerOf(event, 'Authorization')
  const token = BEARER.exec(authorization ?? '')?.[1]
  if (!token) {
    throw unauthenticated(
      'Send your API key as Authorization: Bearer <key>. Create keys on the API keys page.'
    )
  }
  const caller = await currentUserForApiKey(token)
  if (!caller) {
    throw unauthenticated(
      'This API key is not valid: it may be mistyped or revoked, or its account disabled.',
      true
    )
  }
  return caller
}
