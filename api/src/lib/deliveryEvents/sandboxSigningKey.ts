import type { SnsVerifier } from './snsVerification'

/** What the local sandbox answers at GET /_sns/signing-cert. */
interface SandboxSigningCert {
  signingCertUrl: string
  pem: string
}

// The shape sns-payload-validator accepts as a certificate URL: the sandbox
// signs under an AWS-looking URL, and only sandbox mode maps it to its key.
const SIGNING_CERT_URL_PATTERN =
  /^https:\/\/sns\.[a-z0-9-]{3,}\.amazonaws\.com(\.cn)?\/SimpleNotificationService-[a-zA-Z0-9]{32}\.pem$/

const FETCH_TIMEOUT_MS = 3_000

export class SandboxKeyUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'SandboxKeyUnavailable'
  }
}

const readSigningCert = async (
  origin: string,
  fetchImpl: typeof fetch
): Promise<SandboxSigningCert> => {
  let response: Response
  try {
    response = await fetchImpl(new URL('/_sns/signing-cert', origin), {
      redirect: 'error',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    })
  } catch (error) {
    throw new SandboxKeyUnavailable('the sandbox did not answer', {
      cause: error,
    })
  }
  if (!response.ok) {
    throw new SandboxKeyUnavailable(
      `the sandbox answered HTTP ${response.status}`
    )
  }
  const body = (await response.json().catch(() => null)) as Record<
    string,
    unknown
  > | null
  const signingCertUrl = body?.signingCertUrl
  const pem = body?.pem
  if (
    typeof signingCertUrl !== 'string' ||
    !SIGNING_CERT_URL_PATTERN.test(signingCertUrl) ||
    typeof pem !== 'string' ||
    !pem.includes('-----BEGIN ')
  ) {
    throw new SandboxKeyUnavailable(
      'the sandbox did not give a signing certificate URL and PEM'
    )
  }
  return { signingCertUrl, pem }
}

export interface SandboxSigningKey {
  /** Makes sure the verifier trusts the sandbox's key; fetched once. */
  ensureTrusted(): Promise<void>
}

/**
 * The local sandbox signs its SNS messages with a key of its own, published
 * under an AWS-shaped certificate URL. Used only in sandbox mode: outside it,
 * nothing is trusted that did not come from an AWS host.
 */
export const sandboxSigningKey = (
  origin: string,
  verifier: SnsVerifier,
  fetchImpl: typeof fetch = fetch
): SandboxSigningKey => {
  let loading: Promise<SandboxSigningCert> | null = null
  return {
    ensureTrusted: async () => {
      loading ??= readSigningCert(origin, fetchImpl)
      let cert: SandboxSigningCert
      try {
        cert = await loading
      } catch (error) {
        // Not remembered: the sandbox may simply not have started yet.
        loading = null
        throw error
      }
      // Set again if the bounded cache has dropped it since.
      if (!verifier.isTrusted(cert.signingCertUrl)) {
        verifier.trust(cert.signingCertUrl, cert.pem)
      }
    },
  }
}
