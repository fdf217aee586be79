import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'

import { InternalServerException } from '@aws-sdk/client-pinpoint-sms-voice-v2'

import { SIMULATOR_FAILURE_NUMBER } from '../src/index.ts'

import {
  rejectsWith,
  startTestSandbox,
  type TestSandbox,
} from './support/sandbox-fixture.ts'

describe('control API (/_sandbox)', () => {
  let sandbox: TestSandbox
  let base: string
  before(async () => {
    sandbox = await startTestSandbox({ pinpoint: { faults: { seed: 1 } } })
    base = sandbox.pinpoint.endpoint
  })
  after(() => sandbox.close())
  beforeEach(() => sandbox.pinpoint.reset())

  const postJson = (
    path: string,
    body: unknown,
    headers: Record<string, string> = {}
  ) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })

  it('reads and merges fault settings over HTTP, and they take effect', async () => {
    const initial = (await (await fetch(`${base}/_sandbox/faults`)).json()) as {
      faults: Record<string, unknown>
    }
    assert.equal(initial.faults.seed, 1)
    assert.equal(initial.faults.internalErrorRate, 0)

    const response = await postJson('/_sandbox/faults', {
      failNext: { error: 'InternalServerException', count: 1 },
      latencyMs: 5,
    })
    assert.equal(response.status, 200)
    const { faults } = (await response.json()) as {
      faults: Record<string, unknown>
    }
    assert.deepEqual(faults.failNext, {
      error: 'InternalServerException',
      count: 1,
    })
    assert.equal(faults.latencyMs, 5)
    assert.equal(faults.seed, 1, 'unmentioned settings are kept')

    await rejectsWith(sandbox.send(), InternalServerException)
    await sandbox.send()
  })

  it('clears faults with DELETE /_sandbox/faults', async () => {
    sandbox.pinpoint.setFaults({ internalErrorRate: 1 })
    const response = await fetch(`${base}/_sandbox/faults`, {
      method: 'DELETE',
    })
    assert.equal(response.status, 200)
    assert.equal(sandbox.pinpoint.faults().internalErrorRate, 0)
    await sandbox.send()
  })

  const badFaultInputs: Array<[string, unknown, RegExp]> = [
    ['an unknown setting', { errorRate: 0.5 }, /unknown setting "errorRate"/],
    [
      'a rate above 1',
      { internalErrorRate: 1.5 },
      /"internalErrorRate" must be a number from 0 to 1/,
    ],
    ['a rate given as a string', { throttleRate: '0.5' }, /"throttleRate"/],
    [
      'rates adding up to more than 1',
      { internalErrorRate: 0.7, hangRate: 0.7 },
      /must not exceed 1/,
    ],
    ['a negative latency', { latencyMs: -1 }, /"latencyMs"/],
    ['a fractional hangNext', { hangNext: 1.5 }, /"hangNext"/],
    [
      'an error that cannot be injected',
      { failNext: { error: 'ValidationException', count: 1 } },
      /"failNext"/,
    ],
    [
      'a zero failNext count',
      { failNext: { error: 'InternalServerException', count: 0 } },
      /positive integer/,
    ],
    ['a seed out of range', { seed: 2 ** 32 }, /"seed"/],
    ['an array', [1, 2], /JSON object/],
  ]
  for (const [name, body, message] of badFaultInputs) {
    it(`answers 400 with a clear message for ${name}`, async () => {
      const before = sandbox.pinpoint.faults()
      const response = await postJson('/_sandbox/faults', body)
      assert.equal(response.status, 400)
      assert.match(
        ((await response.json()) as { error: string }).error,
        message
      )
      assert.deepEqual(sandbox.pinpoint.faults(), before, 'nothing changed')
    })
  }

  it('answers 400 for a body that is not JSON and 415 for a non-JSON content type', async () => {
    const notJson = await postJson('/_sandbox/faults', '{"latencyMs": ')
    assert.equal(notJson.status, 400)
    assert.match(
      ((await notJson.json()) as { error: string }).error,
      /not valid JSON/
    )
    const text = await fetch(`${base}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{}',
    })
    assert.equal(text.status, 415)
  })

  it('refuses state changes from another origin', async () => {
    const response = await postJson(
      '/_sandbox/faults',
      { latencyMs: 1 },
      { Origin: 'http://evil.example' }
    )
    assert.equal(response.status, 403)
    assert.equal(sandbox.pinpoint.faults().latencyMs, 0)
    const reset = await fetch(`${base}/_sandbox/reset`, {
      method: 'POST',
      headers: { Origin: 'http://evil.example' },
    })
    assert.equal(reset.status, 403)
  })

  it('answers 404 for unknown paths and 405 with Allow for wrong methods', async () => {
    const missing = await fetch(`${base}/_sandbox/nope`)
    assert.equal(missing.status, 404)
    const wrongMethod = await fetch(`${base}/_sandbox/stats`, {
      method: 'DELETE',
    })
    assert.equal(wrongMethod.status, 405)
    assert.equal(wrongMethod.headers.get('allow'), 'GET')
  })

  it('lists, filters and deletes the inbox over HTTP', async () => {
    await sandbox.send({ MessageBody: 'one' })
    await sandbox.send({
      MessageBody: 'two',
      DestinationPhoneNumber: SIMULATOR_FAILURE_NUMBER,
    })
    type InboxJson = {
      count: number
      messages: Array<{ messageBody: string; status: string }>
    }
    const all = (await (
      await fetch(`${base}/_sandbox/inbox.json`)
    ).json()) as InboxJson
    assert.equal(all.count, 2)
    assert.deepEqual(
      all.messages.map((m) => m.messageBody),
      ['one', 'two']
    )

    const encoded = (await (
      await fetch(`${base}/_sandbox/inbox.json?destination=%2B14254147167`)
    ).json()) as InboxJson
    assert.deepEqual(
      encoded.messages.map((m) => [m.messageBody, m.status]),
      [['two', 'FAILED']]
    )
    // An unencoded + arrives as a space; the filter still understands it.
    const unencoded = (await (
      await fetch(`${base}/_sandbox/inbox.json?destination=+14254147167`)
    ).json()) as InboxJson
    assert.equal(unencoded.count, 1)

    const bad = await fetch(`${base}/_sandbox/inbox.json?destination=alice`)
    assert.equal(bad.status, 400)

    const deleted = await fetch(`${base}/_sandbox/inbox`, { method: 'DELETE' })
    assert.deepEqual(await deleted.json(), { deleted: 2 })
    assert.equal(sandbox.pinpoint.inbox().length, 0)
  })

  it('reports stats and resets everything with POST /_sandbox/reset', async () => {
    await sandbox.send()
    sandbox.pinpoint.setFaults({ latencyMs: 10 })
    const stats = (await (await fetch(`${base}/_sandbox/stats`)).json()) as {
      requests: number
      accepted: number
    }
    assert.deepEqual([stats.requests, stats.accepted], [1, 1])

    const response = await fetch(`${base}/_sandbox/reset`, { method: 'POST' })
    assert.equal(response.status, 200)
    const body = (await response.json()) as {
      faults: { latencyMs: number }
      stats: { requests: number }
    }
    assert.equal(body.faults.latencyMs, 0)
    assert.equal(body.stats.requests, 0)
    assert.equal(sandbox.pinpoint.inbox().length, 0)
  })

  it('describes its configuration and health', async () => {
    const config = (await (
      await fetch(`${base}/_sandbox/config`)
    ).json()) as Record<string, unknown>
    assert.deepEqual(config.originationIdentities, ['+18445550100'])
    assert.equal(config.s3Endpoint, sandbox.s3.endpoint)
    assert.deepEqual(await (await fetch(`${base}/_sandbox/health`)).json(), {
      status: 'ok',
    })
  })
})
