import { sandboxSigningKey, SandboxKeyUnavailable } from './sandboxSigningKey'
import {
  CERT_URL,
  newKeyPair,
  signingCertRoute,
  startLocalServer,
} from './sns.fixtures'
import { createSnsVerifier } from './snsVerification'

const key = newKeyPair()

describe('sandboxSigningKey', () => {
  it('reads the key once and trusts it for its URL, again after the cache drops it', async () => {
    const sandbox = await startLocalServer({
      '/_sns/signing-cert': signingCertRoute(key.publicKey),
    })
    try {
      const verifier = createSnsVerifier()
      const trust = jest.spyOn(verifier, 'trust')
      const signingKey = sandboxSigningKey(sandbox.origin, verifier)

      await signingKey.ensureTrusted()
      await signingKey.ensureTrusted()
      expect(verifier.isTrusted(CERT_URL)).toBe(true)
      expect(trust).toHaveBeenCalledTimes(1)
      expect(trust).toHaveBeenCalledWith(CERT_URL, key.publicKey)

      jest.spyOn(verifier, 'isTrusted').mockReturnValueOnce(false)
      await signingKey.ensureTrusted()
      expect(trust).toHaveBeenCalledTimes(2)
      expect(sandbox.requests).toEqual([
        { method: 'GET', url: '/_sns/signing-cert' },
      ])
    } finally {
      await sandbox.close()
    }
  })

  it('tries again on the next call when the sandbox was not up', async () => {
    let up = false
    const sandbox = await startLocalServer({
      '/_sns/signing-cert': (request) =>
        up
          ? signingCertRoute(key.publicKey)(request)
          : { status: 503, body: 'starting' },
    })
    try {
      const verifier = createSnsVerifier()
      const signingKey = sandboxSigningKey(sandbox.origin, verifier)

      await expect(signingKey.ensureTrusted()).rejects.toThrow(
        new SandboxKeyUnavailable('the sandbox answered HTTP 503')
      )
      up = true
      await signingKey.ensureTrusted()
      expect(verifier.isTrusted(CERT_URL)).toBe(true)
    } finally {
      await sandbox.close()
    }
  })

  it.each([
    [
      'a certificate URL off the AWS shape',
      'http://127.0.0.1/cert.pem',
      key.publicKey,
    ],
    ['no PEM', CERT_URL, 'not a key'],
  ])('refuses an answer with %s', async (_, signingCertUrl, pem) => {
    const sandbox = await startLocalServer({
      '/_sns/signing-cert': () => ({
        status: 200,
        body: JSON.stringify({ signingCertUrl, pem }),
      }),
    })
    try {
      const verifier = createSnsVerifier()
      await expect(
        sandboxSigningKey(sandbox.origin, verifier).ensureTrusted()
      ).rejects.toThrow(SandboxKeyUnavailable)
      expect(verifier.isTrusted(signingCertUrl)).toBe(false)
    } finally {
      await sandbox.close()
    }
  })
})
