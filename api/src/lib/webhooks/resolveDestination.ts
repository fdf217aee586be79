import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'

import {
  hostOf,
  refusedAddressKind,
  type DestinationPolicy,
} from './destinationPolicy'
import type { WebhookErrorCode } from './webhookErrors'

export interface ResolvedAddress {
  address: string
  family: number
}

/** Every address a host name resolves to (injected in tests). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>

export const systemResolver: Resolver = (hostname) =>
  lookup(hostname, { all: true, verbatim: true })

export type Destination =
  | { ok: true; address: string; family: number }
  | { ok: false; code: WebhookErrorCode }

/**
 * The address to connect to for a delivery, resolved now. Outside the
 * sandbox the host is refused if any of its addresses is refused: a name
 * that answers with both a public and a private address could otherwise be
 * steered to the private one. The caller connects to exactly this address.
 */
export const resolveDestination = async (
  url: URL,
  policy: DestinationPolicy,
  resolve: Resolver = systemResolver
): Promise<Destination> => {
  const host = hostOf(url)
  let addresses: ResolvedAddress[]
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }]
  } else {
    try {
      addresses = await resolve(host)
    } catch {
      return { ok: false, code: 'DNS_FAILED' }
    }
  }
  if (addresses.length === 0) {
    return { ok: false, code: 'DNS_FAILED' }
  }
  if (
    !policy.sandbox &&
    addresses.some(({ address }) => refusedAddressKind(address) !== null)
  ) {
    return { ok: false, code: 'ADDRESS_REFUSED' }
  }
  const [{ address, family }] = addresses
  return { ok: true, address, family }
}
