import {
  CERT_URL,
  newKeyPair,
  notification,
  offlineAgent,
  sign,
  stringToSign,
  subscriptionMessage,
} from './sns.fixtures'
import type { SnsEnvelope } from './snsEnvelope'
import { createSnsVerifier } from './snsVerification'

const key = newKeyPair()
const otherKey = newKeyPair()

const record = JSON.stringify({
  eventType: 'MEDIA_DELIVERED',
  messageId: 'm-1',
})

const trustingVerifier = () => {
  const offline = offlineAgent()
  const verifier = createSnsVerifier({ requestAgent: offline.agent })
  verifier.trust(CERT_URL, key.publicKey)
  return { verifier, hostsAsked: offline.hostsAsked }
}

const envelope = (fields: Record<string, string>) =>
  fields as unknown as SnsEnvelope

describe('the string SNS signs', () => {
  it('is Key\\nValue\\n over the notification fields in order, Subject only when present', () => {
    expect(
      stringToSign({
        Type: 'Notification',
        MessageId: 'id-1',
        TopicArn: 'arn:t',
        Message: 'm',
        Timestamp: 'ts',
        UnsubscribeURL: 'not signed',
      })
    ).toBe(
      'Message\nm\nMessageId\nid-1\nTimestamp\nts\nTopicArn\narn:t\nType\nNotification\n'
    )
  })
})

describe('createSnsVerifier', () => {
  it.each(['1', '2'])('accepts SignatureVersion %s', async (version) => {
    const { verifier } = trustingVerifier()
    const signed = sign(notification({}, {}), {
      privateKey: key.privateKey,
      version,
    })
    expect(await verifier.verify(envelope(signed))).toEqual({ ok: true })
  })

  it('accepts a signed Subject and a signed subscription confirmation', async () => {
    const { verifier } = trustingVerifier()
    const withSubject = sign(
      { ...notification({}), Subject: 'Delivery' },
      { privateKey: key.privateKey }
    )
    const confirmation = sign(
      subscriptionMessage({
        subscribeUrl: 'https://sns.us-east-1.amazonaws.com/?x',
      }),
      { privateKey: key.privateKey, version: '2' }
    )
    expect(await verifier.verify(envelope(withSubject))).toEqual({ ok: true })
    expect(await verifier.verify(envelope(confirmation))).toEqual({ ok: true })
  })

  it.each([
    ['a changed Message', { Message: record }],
    ['an added Subject', { Subject: 'added' }],
    [
      'a changed TopicArn',
      { TopicArn: 'arn:aws:sns:us-east-1:123456789012:x' },
    ],
    ['SignatureVersion 3', { SignatureVersion: '3' }],
    ['a signature of another version', { SignatureVersion: '2' }],
  ])('refuses %s', async (_, change) => {
    const { verifier } = trustingVerifier()
    const signed = sign(notification({}), { privateKey: key.privateKey })
    expect(
      await verifier.verify(envelope({ ...signed, ...change }))
    ).toMatchObject({ ok: false, reason: 'INVALID' })
  })

  it('refuses a message signed by another key', async () => {
    const { verifier } = trustingVerifier()
    const forged = sign(notification({}), { privateKey: otherKey.privateKey })
    expect(await verifier.verify(envelope(forged))).toEqual({
      ok: false,
      reason: 'INVALID',
      detail: 'Invalid Signature',
    })
  })

  it.each([
    'http://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem',
    'https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem',
    'https://example.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem',
    'https://sns.us-east-1.amazonaws.com/cert.pem',
  ])('never uses a certificate from %s', async (certUrl) => {
    const { verifier, hostsAsked } = trustingVerifier()
    verifier.trust(certUrl, otherKey.publicKey)
    const forged = sign(notification({}), {
      privateKey: otherKey.privateKey,
      certUrl,
    })
    expect(await verifier.verify(envelope(forged))).toEqual({
      ok: false,
      reason: 'INVALID',
      detail: 'Invalid SigningCertURL',
    })
    expect(hostsAsked).toEqual([])
  })

  it('fetches a certificate it does not have from the AWS host only, and says when it cannot', async () => {
    const offline = offlineAgent()
    const verifier = createSnsVerifier({ requestAgent: offline.agent })
    const signed = sign(notification({}), { privateKey: key.privateKey })

    expect(await verifier.verify(envelope(signed))).toMatchObject({
      ok: false,
      reason: 'UNAVAILABLE',
    })
    expect(offline.hostsAsked).toEqual(['sns.us-east-1.amazonaws.com'])
  })

  it('forgets an answer that was not a certificate, so the next delivery fetches it again', async () => {
    const { verifier } = trustingVerifier()
    // What the library caches when the certificate URL answers an error page.
    verifier.trust(CERT_URL, '<Error><Code>NoSuchKey</Code></Error>')
    const signed = sign(notification({}), { privateKey: key.privateKey })

    expect(await verifier.verify(envelope(signed))).toMatchObject({
      ok: false,
      reason: 'UNAVAILABLE',
    })
    expect(verifier.isTrusted(CERT_URL)).toBe(false)
  })
})
