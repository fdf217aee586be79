import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'

import { ThrottlingException } from '@aws-sdk/client-pinpoint-sms-voice-v2'

import {
  startTestSandbox,
  type TestSandbox,
} from './support/sandbox-fixture.ts'

const SECOND_NUMBER = '+18445550111'

describe('messages-per-second limit per origination identity', () => {
  let sandbox: TestSandbox
  before(async () => {
    sandbox = await startTestSandbox({
      pinpoint: {
        messagesPerSecond: 3,
        originationIdentities: ['+18445550100', SECOND_NUMBER],
      },
    })
  })
  after(() => sandbox.close())
  beforeEach(() => sandbox.pinpoint.reset())

  it('accepts 3 sends within a second and throttles the rest with ThrottlingException', async () => {
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) => sandbox.send({ MessageBody: `burst ${n}` }))
    )
    const accepted = results.filter((r) => r.status === 'fulfilled')
    const throttled = results.flatMap((r) =>
      r.status === 'rejected' ? [r.reason as unknown] : []
    )
    assert.equal(accepted.length, 3)
    assert.equal(throttled.length, 2)
    for (const error of throttled) {
      assert.ok(
        error instanceof ThrottlingException,
        `expected ThrottlingException, got ${String(error)}`
      )
      assert.equal(error.$metadata.httpStatusCode, 400)
      assert.equal(error.$metadata.attempts, 1)
    }
    const stats = sandbox.pinpoint.stats()
    assert.equal(stats.accepted, 3)
    assert.equal(stats.throttled, 2)
    assert.equal(sandbox.pinpoint.inbox().length, 3)
  })

  it('keeps a separate window for each origination identity', async () => {
    await Promise.all([1, 2, 3].map(() => sandbox.send()))
    await assert.rejects(sandbox.send(), ThrottlingException)
    await sandbox.send({ OriginationIdentity: SECOND_NUMBER })
  })

  it('accepts again once the one-second window has passed', async () => {
    await Promise.all([1, 2, 3].map(() => sandbox.send()))
    await assert.rejects(sandbox.send(), ThrottlingException)
    await sleep(1050)
    await sandbox.send()
    assert.equal(sandbox.pinpoint.stats().accepted, 4)
  })

  it('does not count dry runs against the limit', async () => {
    await Promise.all([1, 2, 3, 4, 5].map(() => sandbox.send({ DryRun: true })))
    await Promise.all([1, 2, 3].map(() => sandbox.send()))
    assert.equal(sandbox.pinpoint.stats().dryRuns, 5)
  })
})
