import { BlockList, isIP } from 'node:net'

import { isSandboxMode } from 'src/lib/demoAccount'

import type { WebhookErrorCode } from './webhookErrors'

/**
 * Which destinations a webhook may be POSTed to. Outside the local sandbox a
 * URL must be https, and its host may not be or resolve to an address inside
 * our own network or the cloud's (checked again on every delivery, since DNS
 * can change after registration). The sandbox allows http and localhost so
 * the examples run on one machine.
 */
export interface DestinationPolicy {
  sandbox: boolean
}

export const destinationPolicy = (
  env: Record<string, string | undefined> = process.env
): DestinationPolicy => ({ sandbox: isSandboxMode(env) })

export type AddressKind =
  | 'metadata'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared (carrier-grade NAT)'
  | 'multicast'
  | 'unspecified'
  | 'reserved'

const blockList = (ranges: [string, number][]) => {
  const list = new BlockList()
  for (const [network, prefix] of ranges) {
    list.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4')
  }
  return list
}

// Cloud instance metadata services (AWS, GCP, Azure; Alibaba; AWS over IPv6).
const METADATA = new Set([
  '169.254.169.254',
  '100.100.100.200',
  'fd00:ec2::254',
])

// Most specific first. An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is
// matched by BlockList against the IPv4 ranges.
const RANGES: [AddressKind, BlockList][] = [
  [
    'unspecified',
    blockList([
      ['0.0.0.0', 8],
      ['::', 128],
    ]),
  ],
  [
    'loopback',
    blockList([
      ['127.0.0.0', 8],
      ['::1', 128],
    ]),
  ],
  [
    'private',
    blockList([
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
      ['fc00::', 7],
      ['fec0::', 10],
    ]),
  ],
  [
    'link-local',
    blockList([
      ['169.254.0.0', 16],
      ['fe80::', 10],
    ]),
  ],
  ['shared (carrier-grade NAT)', blockList([['100.64.0.0', 10]])],
  [
    'multicast',
    blockList([
      ['224.0.0.0', 4],
      ['ff00::', 8],
    ]),
  ],
  [
    'reserved',
    blockList([
      ['192.0.0.0', 24],
      ['192.0.2.0', 24],
      ['198.18.0.0', 15],
      ['198.51.100.0', 24],
      ['203.0.113.0', 24],
      ['240.0.0.0', 4],
      ['100::', 64],
      ['2001::', 32],
      ['2001:db8::', 32],
      ['64:ff9b:1::', 48],
    ]),
  ],
]

/** The 16 bytes of an IPv6 address, or null if it is not one. */
const ipv6Bytes = (address: string): number[] | null => {
  if (isIP(address) !== 6) return null
  let text = address
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number)
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.split('::')
  const groups = (part?: string) => (part ? part.split(':') : [])
  const missing = 8 - groups(head).length - groups(tail).length
  const all =
    tail === undefined
      ? groups(head)
      : [...groups(head), ...Array(missing).fill('0'), ...groups(tail)]
  return all.flatMap((group) => {
    const value = parseInt(group, 16)
    return [value >> 8, value & 0xff]
  })
}

/**
 * The IPv4 address an IPv6 address carries for a translator to reach
 * (NAT64 64:ff9b::/96, 6to4 2002::/16), so that it is judged as that.
 */
const embeddedIpv4 = (address: string): string | null => {
  const bytes = ipv6Bytes(address)
  if (!bytes) return null
  const isNat64 =
    bytes[0] === 0 &&
    bytes[1] === 0x64 &&
    bytes[2] === 0xff &&
    bytes[3] === 0x9b &&
    bytes.slice(4, 12).every((b) => b === 0)
  if (isNat64) return bytes.slice(12).join('.')
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6).join('.')
  return null
}

/** What kind of address may not receive webhooks, or null for a public one. */
export const refusedAddressKind = (address: string): AddressKind | null => {
  const family = isIP(address)
  if (family === 0) return 'reserved'
  const lower = address.toLowerCase()
  if (METADATA.has(lower)) return 'metadata'
  const embedded = embeddedIpv4(lower)
  if (embedded) return refusedAddressKind(embedded)
  const type = family === 6 ? 'ipv6' : 'ipv4'
  for (const [kind, list] of RANGES) {
    if (list.check(lower, type)) {
      return kind
    }
  }
  return null
}

const MAX_URL_LENGTH = 2048

export type UrlCheck =
  | { ok: true; url: URL }
  | { ok: false; code: WebhookErrorCode; message: string }

const refused = (
  message: string,
  code: WebhookErrorCode = 'URL_REFUSED'
): UrlCheck => ({ ok: false, code, message })

/** The host of a URL as an address or name, without IPv6's brackets. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '')

/**
 * Whether a webhook or statusCallbackUrl may be registered (and, again, used):
 * a whole http(s) URL without credentials, https outside the sandbox, and not
 * naming a refused address or localhost. Names are resolved and checked when
 * each delivery is made (resolveDestination).
 */
export const checkWebhookUrl = (
  raw: string,
  policy: DestinationPolicy
): UrlCheck => {
  const text = raw.trim()
  if (text === '' || text.length > MAX_URL_LENGTH) {
    return refused(
      `Give a URL of 1 to ${MAX_URL_LENGTH} characters, e.g. https://example.com/webhooks/mms.`
    )
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return refused('Give a whole URL, e.g. https://example.com/webhooks/mms.')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refused('Give an https URL, e.g. https://example.com/webhooks/mms.')
  }
  if (url.username || url.password) {
    return refused(
      'The URL may not carry a user name or password: webhooks are signed instead.'
    )
  }
  if (policy.sandbox) {
    return { ok: true, url }
  }
  if (url.protocol !== 'https:') {
    return refused(
      'Webhooks are sent only over https: give an https URL, e.g. https://example.com/webhooks/mms.'
    )
  }
  const host = hostOf(url).toLowerCase()
  const kind = isIP(host)
    ? refusedAddressKind(host)
    : host === 'localhost' || host.endsWith('.localhost')
      ? 'loopback'
      : null
  if (kind) {
    return refused(
      `The URL names a ${kind} address; webhooks go only to public addresses.`,
      'ADDRESS_REFUSED'
    )
  }
  return { ok: true, url }
}
