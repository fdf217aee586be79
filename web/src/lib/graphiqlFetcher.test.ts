import {
  callerRequest,
  createGraphiqlFetcher,
  pastedApiKey,
  type GraphiqlCaller,
} from './graphiqlFetcher'

const URL = '/.redwood/functions/graphql'
const KEY = 'mms_abcdefghij_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG'

const SEND_MMS = {
  query:
    'mutation SendMms($destinationPhoneNumber: String!) { sendMms(destinationPhoneNumber: $destinationPhoneNumber) { messageId } }',
  operationName: 'SendMms',
  variables: { destinationPhoneNumber: '+14254147755' },
}

/** A fetch that records its calls and answers `body` with `status`. */
const fakeFetch = (body: string, status = 200) => {
  const calls: { url: string; init: RequestInit }[] = []
  const fetch = jest.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} })
    return { status, text: async () => body } as Response
  })
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls }
}

const session = (token: string | null): GraphiqlCaller => ({
  kind: 'session',
  authProvider: 'dbAuth',
  getToken: async () => token,
})

describe('createGraphiqlFetcher', () => {
  it('posts as the signed-in session: dbAuth headers and the session cookie', async () => {
    const { fetch, calls } = fakeFetch(
      JSON.stringify({ data: { sendMms: { messageId: 'provider-1' } } })
    )
    const fetcher = createGraphiqlFetcher({
      url: URL,
      caller: session('7'),
      fetch,
    })

    const result = await fetcher(SEND_MMS, {})

    expect(result).toEqual({ data: { sendMms: { messageId: 'provider-1' } } })
    expect(calls).toEqual([
      {
        url: URL,
        init: {
          method: 'POST',
          credentials: 'include',
          headers: {
            'content-type': 'application/json',
            'auth-provider': 'dbAuth',
            authorization: 'Bearer 7',
          },
          body: JSON.stringify(SEND_MMS),
        },
      },
    ])
  })

  it('asks for the session token on every call, as the Apollo client does', async () => {
    const tokens = ['7', null]
    const caller: GraphiqlCaller = {
      kind: 'session',
      authProvider: 'dbAuth',
      getToken: async () => tokens.shift() ?? null,
    }
    const { fetch, calls } = fakeFetch('{"data":null}')
    const fetcher = createGraphiqlFetcher({ url: URL, caller, fetch })

    await fetcher(SEND_MMS, {})
    await fetcher(SEND_MMS, {})

    expect(calls[0].init.headers).toHaveProperty('authorization', 'Bearer 7')
    // Signed out since: no auth headers at all, so the api answers
    // UNAUTHENTICATED instead of trusting a stale token.
    expect(calls[1].init.headers).toEqual({
      'content-type': 'application/json',
    })
    expect(calls[1].init.credentials).toBe('include')
  })

  it('posts with an API key as a service does: only the bearer key, never the cookie', async () => {
    const { fetch, calls } = fakeFetch('{"data":{"sendMms":{"messageId":"p"}}}')
    const fetcher = createGraphiqlFetcher({
      url: URL,
      caller: { kind: 'apiKey', apiKey: KEY },
      fetch,
    })

    await fetcher(SEND_MMS, {})

    expect(calls).toHaveLength(1)
    expect(calls[0].init.credentials).toBe('omit')
    expect(calls[0].init.headers).toEqual({
      'content-type': 'application/json',
      authorization: `Bearer ${KEY}`,
    })
  })

  it('sends only the operation, not what else GraphiQL passes along', async () => {
    const { fetch, calls } = fakeFetch('{"data":null}')
    const fetcher = createGraphiqlFetcher({
      url: URL,
      caller: session('7'),
      fetch,
    })

    await fetcher({ ...SEND_MMS, extra: 'not sent' } as typeof SEND_MMS, {
      headers: { authorization: 'Bearer from-the-headers-editor' },
    })

    expect(JSON.parse(String(calls[0].init.body))).toEqual(SEND_MMS)
    expect(calls[0].init.headers).toHaveProperty('authorization', 'Bearer 7')
  })

  it('turns an answer that is not JSON into a GraphQL error the result pane shows', async () => {
    const { fetch } = fakeFetch('<html>Bad gateway</html>', 502)
    const fetcher = createGraphiqlFetcher({
      url: URL,
      caller: session('7'),
      fetch,
    })

    expect(await fetcher(SEND_MMS, {})).toEqual({
      errors: [
        { message: 'The API answered HTTP 502 without a GraphQL result.' },
      ],
    })
  })

  it('passes the api’s own GraphQL errors through unchanged', async () => {
    const refused = {
      data: { sendMms: null },
      errors: [
        {
          message: 'You must be signed in to do this.',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    }
    const { fetch } = fakeFetch(JSON.stringify(refused), 200)
    const fetcher = createGraphiqlFetcher({
      url: URL,
      caller: { kind: 'apiKey', apiKey: KEY },
      fetch,
    })

    expect(await fetcher(SEND_MMS, {})).toEqual(refused)
  })
})

describe('callerRequest', () => {
  it('gives no auth headers to a session without a token', async () => {
    expect(await callerRequest(session(null))).toEqual({
      headers: {},
      credentials: 'include',
    })
  })
})

describe('pastedApiKey', () => {
  it('keeps the key alone, without spaces or a copied "Bearer "', () => {
    expect(pastedApiKey(KEY)).toBe(KEY)
    expect(pastedApiKey(`  ${KEY}\n`)).toBe(KEY)
    expect(pastedApiKey(`Bearer ${KEY}`)).toBe(KEY)
    expect(pastedApiKey(`bearer   ${KEY}`)).toBe(KEY)
  })

  it('refuses nothing, and text that cannot be one header value', () => {
    expect(pastedApiKey('')).toBeNull()
    expect(pastedApiKey('   ')).toBeNull()
    expect(pastedApiKey('Bearer ')).toBeNull()
    expect(pastedApiKey(`${KEY} ${KEY}`)).toBeNull()
  })
})
