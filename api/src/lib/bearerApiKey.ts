import type { APIGatewayProxyEvent } from 'aws-lambda'

import { API_KEY_AUTH_TYPE } from './auth'

const hasHeader = (event: APIGatewayProxyEvent, name: string) =>
  Object.keys(event.headers ?? {}).some((key) => key.toLowerCase() === name)

/**
 * Services send only `Authorization: Bearer <key>`. Redwood looks for an
 * `auth-provider` header to pick a decoder, so a bearer request without a
 * session cookie or that header is marked as an API key call.
 */
export const markBearerApiKeyRequest = (
  event: APIGatewayProxyEvent
): APIGatewayProxyEvent => {
  const authorization = Object.entries(event.headers ?? {}).find(
    ([key]) => key.toLowerCase() === 'authorization'
  )?.[1]
  if (!authorization?.startsWith('Bearer ') || hasHeader(event, 'auth-provider')) {
    return event
  }
  return {
    ...event,
    headers: { ...event.headers, 'auth-provider': API_KEY_AUTH_TYPE },
  }
}
