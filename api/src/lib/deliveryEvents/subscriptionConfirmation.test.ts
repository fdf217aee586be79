import { startLocalServer, type LocalServer } from './sns.fixtures'
import {
  confirmSubscription,
  isTrustedSubscribeUrl,
} from './subscriptionConfirmation'

const TOPIC = 'arn:aws:sns:us-west-2:123456789012:mms-events'
const CN_TOPIC = 'arn:aws-cn:sns:cn-north-1:123456789012:mms-events'
const AWS_URL = `https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=t`
const SANDBOX = 'http://127.0.0.1:4575'

describe('isTrustedSubscribeUrl', () => {
  it("accepts https on the SNS host of the topic's region", () => {
    expect(isTrustedSubscribeUrl(AWS_URL, TOPIC, null)).toBe(true)
    expect(
      isTrustedSubscribeUrl(
        'https://sns.cn-north-1.amazonaws.com.cn/?Action=ConfirmSubscription',
        CN_TOPIC,
        null
      )
    ).toBe(true)
  })

  it.each([
    ['plain http', AWS_URL.replace('https:', 'http:')],
    ['another region', AWS_URL.replace('us-west-2', 'us-east-1')],
    [
      'a look-alike host',
      'https://sns.us-west-2.amazonaws.com.evil.example/?x',
    ],
    ['a host inside amazonaws.com', 'https://evil.us-west-2.amazonaws.com/?x'],
    ['a port', 'https://sns.us-west-2.amazonaws.com:8443/?x'],
    ['a user', 'https://me@sns.us-west-2.amazonaws.com/?x'],
    ['the sandbox, outside sandbox mode', `${SANDBOX}/confirm`],
    ['not a URL', 'sns.us-west-2.amazonaws.com'],
  ])('refuses %s', (_, url) => {
    expect(isTrustedSubscribeUrl(url, TOPIC, null)).toBe(false)
  })

  it("in sandbox mode, also accepts the sandbox's own origin, and only that", () => {
    expect(
      isTrustedSubscribeUrl(`${SANDBOX}/confirm?t=1`, TOPIC, SANDBOX)
    ).toBe(true)
    expect(
      isTrustedSubscribeUrl('http://127.0.0.1:4576/confirm', TOPIC, SANDBOX)
    ).toBe(false)
    expect(isTrustedSubscribeUrl(AWS_URL, TOPIC, SANDBOX)).toBe(true)
  })
})

describe('confirmSubscription', () => {
  let server: LocalServer

  beforeAll(async () => {
    server = await startLocalServer({
      '/confirm': () => ({
        status: 200,
        body: '<ConfirmSubscriptionResponse/>',
      }),
      '/refused': () => ({ status: 403, body: '<Error/>' }),
    })
  })

  afterAll(() => server.close())

  it('GETs the SubscribeURL once', async () => {
    expect(
      await confirmSubscription(`${server.origin}/confirm?Token=t`)
    ).toEqual({
      ok: true,
    })
    expect(server.requests).toContainEqual({
      method: 'GET',
      url: '/confirm?Token=t',
    })
  })

  it('reports a refusal by its status only', async () => {
    expect(await confirmSubscription(`${server.origin}/refused`)).toEqual({
      ok: false,
      detail: 'HTTP 403',
    })
  })

  it('does not follow a redirect', async () => {
    const redirecting = await startLocalServer({})
    const fetchImpl: typeof fetch = async () =>
      new Response(null, {
        status: 302,
        headers: { location: `${redirecting.origin}/elsewhere` },
      })
    try {
      expect(
        await confirmSubscription(`${server.origin}/confirm`, fetchImpl)
      ).toEqual({ ok: false, detail: 'HTTP 302' })
      expect(redirecting.requests).toEqual([])
    } finally {
      await redirecting.close()
    }
  })

  it('reports an unreachable host without its error text', async () => {
    const closed = await startLocalServer({})
    await closed.close()
    expect(await confirmSubscription(`${closed.origin}/confirm`)).toEqual({
      ok: false,
      detail: 'ECONNREFUSED',
    })
  })
})
