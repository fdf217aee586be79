import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { describeWait, isSendLimitErrorCode } from './index'

describe('isSendLimitErrorCode', () => {
  it('knows exactly the two sending-limit codes', () => {
    assert.equal(isSendLimitErrorCode('RATE_LIMITED'), true)
    assert.equal(isSendLimitErrorCode('QUOTA_EXCEEDED'), true)
    assert.equal(isSendLimitErrorCode('PROVIDER_QUOTA_EXCEEDED'), false)
    assert.equal(isSendLimitErrorCode('THROTTLED'), false)
  })
})

describe('describeWait', () => {
  const cases: [number, string][] = [
    [1, '1 second'],
    [30, '30 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [3600, '1 hour'],
    [49470, '13 hours 45 minutes'],
  ]
  for (const [seconds, text] of cases) {
    it(`${seconds} s → ${text}`, () => {
      assert.equal(describeWait(seconds), text)
    })
  }
})
