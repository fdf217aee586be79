import { readFileSync } from 'node:fs'
import path from 'node:path'

import { webhookRetryDelayMs } from './backoff'
import { newWebhookSecret, signatureHeader, signatureOf } from './signature'

type Verify = (
  secret: string,
  rawBody: string,
  header: string,
  toleranceSeconds?: number
) => boolean

/**
 * The README's verification snippet, run as a receiver would run it: the
 * test fails if the README and the signer ever disagree.
 */
const readmeVerifier = (): Verify => {
  const readme = readFileSync(
    path.resolve(__dirname, '../../../../README.md'),
    'utf8'
  )
  const section = readme.slice(readme.indexOf('### Status webhooks'))
  const snippet =
    /```js\n([\s\S]*?function verifyMmsSignature[\s\S]*?)```/.exec(section)
  if (!snippet) {
    throw new Error(
      'README has no verifyMmsSignature snippet under Status webhooks'
    )
  }
  return new Function('require', `${snippet[1]}\nreturn verifyMmsSignature`)(
    require
  ) as Verify
}

describe('webhook signatures', () => {
  const secret = 'whsec_test-secret'
  const body = JSON.stringify({ id: 'evt', type: 'message.status', data: {} })

  it('signs "<t>.<raw body>" with HMAC-SHA256, Stripe-style', () => {
    const nowMs = Date.UTC(2026, 10, 24, 10, 0, 0, 750)
    const t = Math.floor(nowMs / 1000)
    expect(signatureHeader(secret, body, nowMs)).toBe(
      `t=${t},v1=${signatureOf(secret, t, body)}`
    )
    // A known answer, so the scheme itself is pinned, not only its round trip.
    expect(signatureOf('whsec_abc', 1700000000, '{"a":1}')).toBe(
      '3b843bacfb18cc5554542fdcc84d815b399c52758e508a6fcecf0a2af4efea2b'
    )
  })

  it('is accepted by the README snippet', () => {
    const verify = readmeVerifier()
    expect(
      verify(secret, body, signatureHeader(secret, body, Date.now()))
    ).toBe(true)
  })

  it('is refused by the README snippet for another body, secret or an old timestamp', () => {
    const verify = readmeVerifier()
    const header = signatureHeader(secret, body, Date.now())
    expect(verify(secret, body.replace('evt', 'evu'), header)).toBe(false)
    expect(verify('whsec_other', body, header)).toBe(false)
    expect(verify(secret, body, header.replace(/v1=../, 'v1=00'))).toBe(false)
    expect(verify(secret, body, 'v1=abc')).toBe(false)
    const tenMinutesAgo = signatureHeader(secret, body, Date.now() - 600_000)
    expect(verify(secret, body, tenMinutesAgo)).toBe(false)
    expect(verify(secret, body, tenMinutesAgo, 900)).toBe(true)
  })

  it('makes a different secret each time', () => {
    const first = newWebhookSecret()
    expect(first).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/)
    expect(newWebhookSecret()).not.toBe(first)
  })
})

describe('webhookRetryDelayMs', () => {
  it('doubles from 10 s to an hour, drawn from the upper half of each step', () => {
    expect(webhookRetryDelayMs(1, () => 0)).toBe(5_000)
    expect(webhookRetryDelayMs(1, () => 1)).toBe(10_000)
    expect(webhookRetryDelayMs(2, () => 1)).toBe(20_000)
    expect(webhookRetryDelayMs(4, () => 0.5)).toBe(60_000)
    expect(webhookRetryDelayMs(20, () => 1)).toBe(3_600_000)
    expect(webhookRetryDelayMs(20, () => 0)).toBe(1_800_000)
  })
})
