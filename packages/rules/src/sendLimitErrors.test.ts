import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { isSendLimitErrorCode } from './index'

describe('isSendLimitErrorCode', () => {
  it('knows exactly the two sending-limit codes', () => {
    assert.equal(isSendLimitErrorCode('RATE_LIMITED'), true)
    assert.equal(isSendLimitErrorCode('QUOTA_EXCEEDED'), true)
    assert.equal(isSendLimitErrorCode('PROVIDER_QUOTA_EXCEEDED'), false)
    assert.equal(isSendLimitErrorCode('THROTTLED'), false)
  })
})
