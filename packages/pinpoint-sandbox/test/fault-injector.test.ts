import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { FaultInjector, parseFaultPatch } from '../src/pinpoint/faults.ts'
import { SlidingWindowRateLimiter } from '../src/pinpoint/rate-limiter.ts'

const kinds = (injector: FaultInjector, n: number) =>
  Array.from({ length: n }, () => {
    const decision = injector.decide()
    return decision.kind === 'error' ? decision.error : decision.kind
  })

describe('FaultInjector', () => {
  it('applies hangNext before failNext before the rates', () => {
    const injector = new FaultInjector({
      seed: 3,
      hangNext: 1,
      failNext: { error: 'ThrottlingException', count: 2 },
      internalErrorRate: 1,
    })
    assert.deepEqual(kinds(injector, 4), [
      'hang',
      'ThrottlingException',
      'ThrottlingException',
      'InternalServerException',
    ])
    assert.equal(injector.settings().failNext, null)
    assert.equal(injector.settings().hangNext, 0)
  })

  it('produces roughly the configured shares, reproducibly per seed', () => {
    const run = () =>
      kinds(
        new FaultInjector({
          seed: 99,
          internalErrorRate: 0.2,
          throttleRate: 0.1,
          hangRate: 0.05,
        }),
        2000
      )
    const first = run()
    assert.deepEqual(run(), first)
    const share = (kind: string) =>
      first.filter((k) => k === kind).length / first.length
    assert.ok(Math.abs(share('InternalServerException') - 0.2) < 0.04)
    assert.ok(Math.abs(share('ThrottlingException') - 0.1) < 0.03)
    assert.ok(Math.abs(share('hang') - 0.05) < 0.02)
    assert.notDeepEqual(
      kinds(
        new FaultInjector({
          seed: 100,
          internalErrorRate: 0.2,
          throttleRate: 0.1,
          hangRate: 0.05,
        }),
        2000
      ),
      first
    )
  })

  it('uses a random seed when none is given, and reports it', () => {
    const seeds = new Set(
      Array.from({ length: 5 }, () => new FaultInjector().settings().seed)
    )
    assert.ok(seeds.size > 1)
  })

  it('validates untrusted input and lists every problem', () => {
    assert.throws(
      () => parseFaultPatch({ latencyMs: 'slow', bogus: true }),
      (error: Error) =>
        /latencyMs/.test(error.message) && /bogus/.test(error.message)
    )
    assert.deepEqual(
      parseFaultPatch({ failNext: { error: 'AccessDeniedException' } }),
      {
        failNext: { error: 'AccessDeniedException', count: 1 },
      }
    )
  })
})

describe('SlidingWindowRateLimiter', () => {
  it('allows N per rolling second per key', () => {
    let now = 0
    const limiter = new SlidingWindowRateLimiter(2, () => now)
    assert.deepEqual(
      [
        limiter.tryAcquire('a'),
        limiter.tryAcquire('a'),
        limiter.tryAcquire('a'),
      ],
      [true, true, false]
    )
    assert.equal(limiter.tryAcquire('b'), true)
    now = 999
    assert.equal(limiter.tryAcquire('a'), false)
    now = 1000
    assert.equal(limiter.tryAcquire('a'), true)
    assert.equal(limiter.tryAcquire('a'), true)
    assert.equal(limiter.tryAcquire('a'), false)
  })

  it('is unlimited at 0', () => {
    const limiter = new SlidingWindowRateLimiter(0, () => 0)
    for (let i = 0; i < 100; i++) assert.equal(limiter.tryAcquire('a'), true)
  })
})
