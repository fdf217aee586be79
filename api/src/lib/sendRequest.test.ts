import { createHash } from 'node:crypto'

import { requestFingerprint, type SendRequest } from './sendRequest'

const request: SendRequest = {
  destinationPhoneNumber: '+12065550123',
  messageBody: 'Hello',
  media: [{ bucket: 'mms-media-test', key: 'samples/cat.png' }],
  dryRun: false,
  maxPrice: '0.05',
  context: { b: '2', a: '1' },
  idempotencyKey: 'order-1',
}

describe('requestFingerprint', () => {
  it('is unchanged for a request without the later fields, so recorded keys keep matching their repeats', () => {
    // The fingerprint as messages recorded before protectConfigurationId and
    // messageFeedbackEnabled existed carry it.
    const before = createHash('sha256')
      .update(
        JSON.stringify([
          '+12065550123',
          'Hello',
          ['s3://mms-media-test/samples/cat.png'],
          false,
          null,
          '0.05',
          null,
          [
            ['a', '1'],
            ['b', '2'],
          ],
        ])
      )
      .digest('hex')
    expect(requestFingerprint(request)).toBe(before)
  })

  it('tells apart requests that differ only in protectConfigurationId or messageFeedbackEnabled', () => {
    const fingerprints = [
      request,
      { ...request, protectConfigurationId: 'protect-1' },
      { ...request, protectConfigurationId: 'protect-2' },
      { ...request, messageFeedbackEnabled: true },
      { ...request, messageFeedbackEnabled: false },
    ].map(requestFingerprint)
    expect(new Set(fingerprints).size).toBe(fingerprints.length)
  })
})
