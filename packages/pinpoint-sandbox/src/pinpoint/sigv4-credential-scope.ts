import { apiErrors } from './api-errors.ts'

export const SIGNING_SERVICE = 'sms-voice'

export interface CredentialScope {
  accessKeyId: string
  date: string
  region: string
  service: string
}

/**
 * Checks that a SigV4 `Authorization` header is present, well formed and scoped
 * to the sms-voice service. The signature itself is not verified.
 */
export function requireSmsVoiceCredentialScope(
  authorization: string | undefined
): CredentialScope {
  if (!authorization) throw apiErrors.missingAuthenticationToken()
  const [algorithm, ...rest] = authorization.trim().split(/\s+/)
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    throw apiErrors.incompleteSignature(
      `Unsupported authorization algorithm '${algorithm}'; expected AWS4-HMAC-SHA256.`
    )
  }
  const components = new Map<string, string>()
  for (const part of rest.join(' ').split(',')) {
    const eq = part.indexOf('=')
    if (eq > 0)
      components.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter(
    (name) => !components.get(name)
  )
  if (missing.length) {
    throw apiErrors.incompleteSignature(
      `Authorization header requires ${missing.map((name) => `'${name}'`).join(', ')} parameter(s).`
    )
  }
  const scope = components.get('Credential')!.split('/')
  if (
    scope.length !== 5 ||
    scope[4] !== 'aws4_request' ||
    scope.some((part) => part === '')
  ) {
    throw apiErrors.incompleteSignature(
      "Credential must have the form '<access key id>/<date>/<region>/<service>/aws4_request'."
    )
  }
  const [accessKeyId, date, region, service] = scope as [
    string,
    string,
    string,
    string,
  ]
  if (service !== SIGNING_SERVICE) {
    throw apiErrors.invalidSignature(
      `Credential should be scoped to correct service: '${SIGNING_SERVICE}'.`
    )
  }
  return { accessKeyId, date, region, service }
}
