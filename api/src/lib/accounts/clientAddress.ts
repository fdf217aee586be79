import type { APIGatewayProxyEvent } from 'aws-lambda'

import { accountsConfig } from './accountsConfig'

/**
 * The address a request came from. Behind a proxy or load balancer that
 * appends to X-Forwarded-For (TRUST_PROXY=true), the last entry is the one it
 * saw; entries before it are whatever the client chose to send.
 */
export const clientAddress = (event: APIGatewayProxyEvent): string => {
  if (accountsConfig().trustProxy) {
    const forwarded =
      event.headers?.['x-forwarded-for'] ?? event.headers?.['X-Forwarded-For']
    const last = forwarded?.split(',').pop()?.trim()
    if (last) {
      return last
    }
  }
  return event.requestContext?.identity?.sourceIp || 'unknown'
}
