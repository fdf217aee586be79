import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'

export type RestEvent = APIGatewayProxyEvent
export type RestResult = APIGatewayProxyResult

/** A request header, whatever the case of its name (gateways and Node differ). */
export const headerOf = (
  event: Pick<RestEvent, 'headers'>,
  name: string
): string | undefined => {
  const wanted = name.toLowerCase()
  const key = Object.keys(event.headers ?? {}).find(
    (header) => header.toLowerCase() === wanted
  )
  return key ? (event.headers[key] ?? undefined) : undefined
}

/** The body as text; the api server hands over binary bodies in base64. */
export const bodyTextOf = (
  event: Pick<RestEvent, 'body' | 'isBase64Encoded'>
): string => {
  const body = event.body ?? ''
  return event.isBase64Encoded
    ? Buffer.from(body, 'base64').toString('utf8')
    : body
}

export const jsonResult = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {}
): RestResult => ({
  statusCode,
  headers: {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  },
  body: JSON.stringify(body),
})
