import type { Agent } from 'node:https'

import Validator from 'sns-payload-validator'

import type { SnsEnvelope } from './snsEnvelope'

/**
 * The validator's certificate cache (an lru-cache, keyed by certificate URL).
 * The library sets it on the instance but does not declare it in its types.
 */
interface CertificateCache {
  get(url: string): string | undefined
  set(url: string, pem: string): unknown
  has(url: string): boolean
  delete(url: string): boolean
}

type ValidatorWithCache = Validator & { certCache: CertificateCache }

export type Verification =
  | { ok: true }
  /** The signature does not hold, or the certificate URL is not AWS's. */
  | { ok: false; reason: 'INVALID'; detail: string }
  /** The certificate could not be had just now; SNS should try again. */
  | { ok: false; reason: 'UNAVAILABLE'; detail: string }

// The library's own refusals; any other error is a failure to get the certificate.
const REFUSALS = new Set([
  'Invalid SignatureVersion',
  'Invalid SigningCertURL',
  'Invalid Signature',
])

const CERTIFICATE_TIMEOUT_MS = 5_000
const MAX_CERTIFICATES = 100

export interface SnsVerifier {
  verify(envelope: SnsEnvelope): Promise<Verification>
  /** Trusts `pem` as the certificate at `url` without fetching it. */
  trust(url: string, pem: string): void
  isTrusted(url: string): boolean
}

const looksLikePem = (text: string | undefined) =>
  typeof text === 'string' && text.includes('-----BEGIN ')

/**
 * Checks SNS signatures (SignatureVersion 1 and 2) with sns-payload-validator:
 * the certificate comes only from an `https://sns.<region>.amazonaws.com`
 * URL and is kept in a bounded cache.
 */
export const createSnsVerifier = ({
  timeoutMs = CERTIFICATE_TIMEOUT_MS,
  requestAgent,
}: {
  timeoutMs?: number
  /** How certificates are fetched, e.g. through an egress proxy. */
  requestAgent?: Agent
} = {}): SnsVerifier => {
  const validator = new Validator({
    useCache: true,
    maxCerts: MAX_CERTIFICATES,
    requestAgent,
  }) as ValidatorWithCache
  const cache = validator.certCache

  const verify = async (envelope: SnsEnvelope): Promise<Verification> => {
    let timer: NodeJS.Timeout | undefined
    // The library sets no time limit on fetching a certificate.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no certificate within ${timeoutMs} ms`)),
        timeoutMs
      )
    })
    try {
      // Its type narrows SignatureVersion to '1' | '2', which it checks itself.
      const payload = envelope as unknown as Validator.SnsPayload
      await Promise.race([validator.validate(payload), timeout])
      return { ok: true }
    } catch (error) {
      const detail = String((error as { message?: unknown })?.message ?? error)
      // The library caches whatever the certificate URL answered, an error
      // page included; forget it, so the next delivery fetches it again.
      const cached = cache.get(envelope.SigningCertURL)
      if (cached !== undefined && !looksLikePem(cached)) {
        cache.delete(envelope.SigningCertURL)
        return { ok: false, reason: 'UNAVAILABLE', detail: 'not a certificate' }
      }
      return REFUSALS.has(detail)
        ? { ok: false, reason: 'INVALID', detail }
        : { ok: false, reason: 'UNAVAILABLE', detail }
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    verify,
    trust: (url, pem) => {
      cache.set(url, pem)
    },
    isTrusted: (url) => cache.has(url),
  }
}
