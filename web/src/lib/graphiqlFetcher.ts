import type { GraphiQLProps } from 'graphiql'

/**
 * Who GraphiQL's calls are made as: the signed-in session, exactly as the
 * app's Apollo client sends it, or an API key sent as a service sends it.
 */
export type GraphiqlCaller =
  | {
      kind: 'session'
      /** useAuth().type: "dbAuth". */
      authProvider: string
      /** useAuth().getToken: the session's token, or null when signed out. */
      getToken: () => Promise<string | null>
    }
  | { kind: 'apiKey'; apiKey: string }

export type GraphiqlFetcher = GraphiQLProps['fetcher']

interface CallerRequest {
  headers: Record<string, string>
  credentials: RequestCredentials
}

/**
 * The headers and cookie policy of one call. A key goes alone, with no
 * cookie: the api lets a session win over a bearer token (api/src/lib/
 * apiKeyAuth.ts), so a key tried beside the session cookie would run as the
 * session and prove nothing about the key.
 */
export const callerRequest = async (
  caller: GraphiqlCaller
): Promise<CallerRequest> => {
  if (caller.kind === 'apiKey') {
    return {
      headers: { authorization: `Bearer ${caller.apiKey}` },
      credentials: 'omit',
    }
  }
  const token = await caller.getToken()
  return {
    // Like Redwood's Apollo link: no token, no auth headers.
    headers: token
      ? {
          'auth-provider': caller.authProvider,
          authorization: `Bearer ${token}`,
        }
      : {},
    credentials: 'include',
  }
}

/**
 * What a person pasted as an API key, ready for the Authorization header:
 * trimmed, without a "Bearer " they may have copied with it. Null when
 * nothing is left.
 */
export const pastedApiKey = (pasted: string): string | null => {
  const key = pasted.trim().replace(/^Bearer(?:\s+|$)/i, '')
  return key === '' || /\s/.test(key) ? null : key
}

/**
 * GraphiQL's fetcher: posts each operation to the app's GraphQL endpoint as
 * `caller`. An answer that is not JSON (a proxy's error page, an api that is
 * restarting) becomes a GraphQL error, so the result pane says what happened.
 */
export const createGraphiqlFetcher = ({
  url,
  caller,
  fetch: fetchImpl = globalThis.fetch,
}: {
  url: string
  caller: GraphiqlCaller
  fetch?: typeof globalThis.fetch
}): GraphiqlFetcher => {
  return async ({ query, operationName, variables }) => {
    const { headers, credentials } = await callerRequest(caller)
    const response = await fetchImpl(url, {
      method: 'POST',
      credentials,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, operationName, variables }),
    })
    const text = await response.text()
    try {
      return JSON.parse(text)
    } catch {
      return {
        errors: [
          {
            message: `The API answered HTTP ${response.status} without a GraphQL result.`,
          },
        ],
      }
    }
  }
}
