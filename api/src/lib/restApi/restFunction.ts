import { getAsyncStoreInstance } from '@redwoodjs/context/dist/store'

import type { CurrentUser } from 'src/lib/auth'
import { logger } from 'src/lib/logger'

import { callerOf } from './bearerAuth'
import { toRestError } from './errorMapping'
import { jsonResult, type RestEvent, type RestResult } from './http'
import { RestError } from './restError'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RestRequest {
  event: RestEvent
  /** The path's captured parts, URL-decoded. */
  params: string[]
}

export interface RestRoute {
  /** Matched against the path after the function's name, e.g. "" or "/abc". */
  path: RegExp
  /** `apiKey`: the caller must send `Authorization: Bearer <key>`. */
  auth: 'apiKey' | 'public'
  methods: Partial<
    Record<HttpMethod, (request: RestRequest) => Promise<RestResult>>
  >
}

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * What follows the function's name in the path: "" for `/send-mms`. The
 * name may come after a prefix (`/.redwood/functions/send-mms` through the
 * web server), so its first whole segment is the one that counts.
 */
const subpathOf = (path: string, name: string): string | null => {
  const match = new RegExp(`(?:^|/)${escapeRegExp(name)}(/.*)?$`).exec(path)
  return match ? (match[1] ?? '') : null
}

const decodeParams = (groups: string[]): string[] | null => {
  try {
    return groups.map((group) => decodeURIComponent(group))
  } catch {
    return null
  }
}

const notFound = () =>
  new RestError(
    'NOT_FOUND',
    'There is no such endpoint. The endpoints are described at /openapi.json.'
  )

/** The route and method a request asks for, or the 404 or 405 it gets. */
const routeFor = (event: RestEvent, name: string, routes: RestRoute[]) => {
  const subpath = subpathOf(event.path ?? '', name)
  for (const route of subpath === null ? [] : routes) {
    const match = route.path.exec(subpath as string)
    const params = match && decodeParams(match.slice(1))
    if (!params) {
      continue
    }
    const handle = route.methods[event.httpMethod?.toUpperCase() as HttpMethod]
    if (!handle) {
      const allowed = Object.keys(route.methods).join(', ')
      throw new RestError(
        'METHOD_NOT_ALLOWED',
        `This endpoint takes ${allowed} only.`,
        {},
        { Allow: allowed }
      )
    }
    return { auth: route.auth, handle, params }
  }
  throw notFound()
}

const codeOf = (result: RestResult): string | undefined => {
  try {
    return (JSON.parse(result.body) as { code?: string }).code
  } catch {
    return undefined
  }
}

/**
 * A Redwood function answering JSON on a few routes. It finds the route,
 * refuses other methods (405, with Allow), signs an API-key caller in for the
 * services (`context.currentUser`, as the GraphQL endpoint does), and turns
 * every error into a JSON answer through toRestError. Each request is logged
 * once, without its body.
 */
export const restFunction =
  (name: string, routes: RestRoute[]) =>
  (event: RestEvent): Promise<RestResult> =>
    // Services read the caller from Redwood's per-request context store.
    getAsyncStoreInstance().run(new Map(), async () => {
      const startedAt = Date.now()
      let caller: CurrentUser | undefined
      let result: RestResult
      let failure: unknown
      try {
        const { auth, handle, params } = routeFor(event, name, routes)
        if (auth === 'apiKey') {
          caller = await callerOf(event)
          context.currentUser = caller
        }
        result = await handle({ event, params })
      } catch (error) {
        failure = error
        const refusal = toRestError(error)
        result = jsonResult(refusal.status, refusal.body, refusal.headers)
      }
      const about = {
        endpoint: name,
        method: event.httpMethod,
        status: result.statusCode,
        code: result.statusCode >= 400 ? codeOf(result) : undefined,
        userId: caller?.id,
        apiKeyId: caller?.apiKeyId,
        durationMs: Date.now() - startedAt,
      }
      if (about.code === 'INTERNAL_ERROR') {
        logger.error({ ...about, err: failure }, 'REST request failed')
      } else {
        logger.info(about, 'REST request')
      }
      return result
    })
