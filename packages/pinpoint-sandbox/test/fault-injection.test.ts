import assert from 'node:assert/strict'
import { request } from 'node:http'
import { performance } from 'node:perf_hooks'
import { after, before, beforeEach, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'

import {
  InternalServerException,
  ServiceQuotaExceededException,
  ThrottlingException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import { NodeHttpHandler } from '@smithy/node-http-handler'

import { rawApiRequest } from './support/raw-api.ts'
import {
  startTestSandbox,
  pinpointClient,
  rejectsWith,
  type TestSandbox,
} from './support/sandbox-fixture.ts'

async function waitFor(
  condition: () => boolean,
  timeoutMs = 2000
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await sleep(10)
  }
}

describe('fault injection', () => {
  let sandbox: TestSandbox
  before(async () => {
    sandbox = await startTestSandbox({ pinpoint: { faults: { seed: 42 } } })
  })
  after(() => sandbox.close())
  beforeEach(() => sandbox.pinpoint.reset())

  it('fails the next N requests with InternalServerException (HTTP 500)', async () => {
    sandbox.pinpoint.setFaults({
      failNext: { error: 'InternalServerException', count: 2 },
    })
    for (let i = 0; i < 2; i++) {
      const error = await rejectsWith(sandbox.send(), InternalServerException)
      assert.equal(error.$metadata.httpStatusCode, 500)
      assert.equal(error.$fault, 'server')
      assert.equal(error.RequestId, error.$metadata.requestId)
    }
    await sandbox.send()
    const stats = sandbox.pinpoint.stats()
    assert.deepEqual(
      [
        stats.injectedErrors,
        stats.injectedErrorsByType.InternalServerException,
        stats.accepted,
      ],
      [2, 2, 1]
    )
    assert.equal(sandbox.pinpoint.faults().failNext, null)
  })

  it("lets the SDK's standard retries recover from two 500s, delivering exactly one message", async () => {
    sandbox.pinpoint.setFaults({
      failNext: { error: 'InternalServerException', count: 2 },
    })
    const retrying = pinpointClient(sandbox.pinpoint.endpoint) // default: standard mode, 3 attempts
    try {
      const { MessageId, $metadata } = await sandbox.send({}, retrying)
      assert.equal($metadata.attempts, 3)
      const inbox = sandbox.pinpoint.inbox()
      assert.deepEqual(
        inbox.map((m) => m.messageId),
        [MessageId]
      )
      const stats = sandbox.pinpoint.stats()
      assert.equal(stats.requests, 3)
      assert.equal(stats.injectedErrors + stats.accepted, stats.requests)
    } finally {
      retrying.destroy()
    }
  })

  it('can inject other modeled errors, e.g. ServiceQuotaExceededException', async () => {
    sandbox.pinpoint.setFaults({
      failNext: { error: 'ServiceQuotaExceededException', count: 1 },
    })
    const error = await rejectsWith(
      sandbox.send(),
      ServiceQuotaExceededException
    )
    assert.equal(error.Reason, 'MONTHLY_SPEND_LIMIT_REACHED_FOR_MEDIA')
  })

  it('answers every request with a 500 at internalErrorRate 1', async () => {
    sandbox.pinpoint.setFaults({ internalErrorRate: 1 })
    for (let i = 0; i < 3; i++)
      await assert.rejects(sandbox.send(), InternalServerException)
    assert.equal(sandbox.pinpoint.inbox().length, 0)
  })

  it('repeats the same outcomes for the same seed', async () => {
    const outcomes = async () => {
      const results: string[] = []
      for (let i = 0; i < 20; i++) {
        results.push(
          await sandbox.send().then(
            () => 'ok',
            (error: Error) => error.name
          )
        )
      }
      return results
    }
    sandbox.pinpoint.setFaults({
      seed: 7,
      internalErrorRate: 0.3,
      throttleRate: 0.3,
    })
    const first = await outcomes()
    sandbox.pinpoint.setFaults({ seed: 7 })
    const second = await outcomes()
    assert.deepEqual(second, first)
    assert.ok(
      first.includes('ok') &&
        first.includes('InternalServerException') &&
        first.includes('ThrottlingException')
    )
    const stats = sandbox.pinpoint.stats()
    assert.equal(stats.accepted + stats.injectedErrors, 40)
    assert.equal(
      stats.throttled,
      0,
      'injected throttling is not counted as the MPS limit'
    )
  })

  it('adds latency to every API response', async () => {
    sandbox.pinpoint.setFaults({ latencyMs: 250 })
    const started = performance.now()
    await sandbox.send()
    assert.ok(
      performance.now() - started >= 245,
      'the response came back too early'
    )
  })

  it('hangs a request until the client gives up (TimeoutError), and the message is not sent', async () => {
    sandbox.pinpoint.setFaults({ hangNext: 1 })
    const impatient = pinpointClient(sandbox.pinpoint.endpoint, {
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({
        requestTimeout: 300,
        throwOnRequestTimeout: true,
      }),
    })
    try {
      const started = performance.now()
      await assert.rejects(sandbox.send({}, impatient), {
        name: 'TimeoutError',
      })
      assert.ok(performance.now() - started >= 290)
      assert.equal(sandbox.pinpoint.stats().hung, 1)
      await waitFor(() => sandbox.pinpoint.stats().hangingNow === 0)
      assert.equal(sandbox.pinpoint.inbox().length, 0)
      await sandbox.send({}, impatient)
      assert.equal(sandbox.pinpoint.inbox().length, 1)
    } finally {
      impatient.destroy()
    }
  })

  it('can accept a message whose client already timed out (latency longer than the timeout)', async () => {
    sandbox.pinpoint.setFaults({ latencyMs: 400 })
    const impatient = pinpointClient(sandbox.pinpoint.endpoint, {
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({
        requestTimeout: 150,
        throwOnRequestTimeout: true,
      }),
    })
    try {
      await assert.rejects(sandbox.send({}, impatient), {
        name: 'TimeoutError',
      })
      await waitFor(() => sandbox.pinpoint.inbox().length === 1)
      assert.equal(sandbox.pinpoint.stats().accepted, 1)
    } finally {
      impatient.destroy()
    }
  })

  it('hangs a share of requests at hangRate 1 and counts them', async () => {
    sandbox.pinpoint.setFaults({ hangRate: 1 })
    const impatient = pinpointClient(sandbox.pinpoint.endpoint, {
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({
        requestTimeout: 100,
        throwOnRequestTimeout: true,
      }),
    })
    try {
      await assert.rejects(sandbox.send({}, impatient), {
        name: 'TimeoutError',
      })
      await assert.rejects(sandbox.send({}, impatient), {
        name: 'TimeoutError',
      })
      assert.equal(sandbox.pinpoint.stats().hung, 2)
    } finally {
      impatient.destroy()
    }
  })

  it('keeps hangingNow right across a reset, until the client disconnects', async () => {
    sandbox.pinpoint.setFaults({ hangNext: 1 })
    const controller = new AbortController()
    const pending = rawApiRequest(sandbox.pinpoint.endpoint, {
      body: '{}',
      signal: controller.signal,
    }).catch((error: Error) => error.name)
    await waitFor(() => sandbox.pinpoint.stats().hangingNow === 1)
    sandbox.pinpoint.reset()
    assert.deepEqual(
      [sandbox.pinpoint.stats().hung, sandbox.pinpoint.stats().hangingNow],
      [0, 1]
    )
    controller.abort()
    assert.equal(await pending, 'AbortError')
    await waitFor(() => sandbox.pinpoint.stats().hangingNow === 0)
  })

  it('rejects invalid settings given in code', () => {
    assert.throws(
      () => sandbox.pinpoint.setFaults({ internalErrorRate: 2 }),
      /from 0 to 1/
    )
    assert.throws(
      () =>
        sandbox.pinpoint.setFaults({
          internalErrorRate: 0.6,
          throttleRate: 0.6,
        }),
      /must not exceed 1/
    )
  })

  it('restores the start-time settings on reset', () => {
    sandbox.pinpoint.setFaults({ latencyMs: 100, hangNext: 3 })
    sandbox.pinpoint.reset()
    assert.deepEqual(sandbox.pinpoint.faults(), {
      internalErrorRate: 0,
      throttleRate: 0,
      hangRate: 0,
      latencyMs: 0,
      seed: 42,
      failNext: null,
      hangNext: 0,
    })
  })
})

describe('stopping with requests still hanging', () => {
  it(
    'closes the connections and resolves promptly',
    { timeout: 5000 },
    async () => {
      const sandbox = await startTestSandbox({
        pinpoint: { faults: { hangRate: 1 } },
      })
      const url = new URL(sandbox.pinpoint.endpoint)
      const clientSide = new Promise<string>((resolve) => {
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            method: 'POST',
            path: '/',
            headers: {
              'Content-Type': 'application/x-amz-json-1.0',
              'X-Amz-Target': 'PinpointSMSVoiceV2.SendMediaMessage',
              Authorization:
                'AWS4-HMAC-SHA256 Credential=sandbox/20250101/us-east-1/sms-voice/aws4_request, SignedHeaders=host, Signature=0',
            },
          },
          () => resolve('answered')
        )
        req.on('error', (error) =>
          resolve((error as NodeJS.ErrnoException).code ?? error.message)
        )
        req.end(
          '{"DestinationPhoneNumber":"+14254147755","OriginationIdentity":"+18445550100","MessageBody":"x"}'
        )
      })
      await waitFor(() => sandbox.pinpoint.stats().hangingNow === 1)
      const started = performance.now()
      await sandbox.close()
      assert.ok(
        performance.now() - started < 1000,
        'stop() waited for the hung request'
      )
      assert.equal(await clientSide, 'ECONNRESET')
    }
  )
})

describe('a sandbox started with fault settings', () => {
  it('rejects invalid settings at start', async () => {
    await assert.rejects(
      startTestSandbox({ pinpoint: { faults: { hangRate: -1 } } }),
      /hangRate/
    )
  })

  it('applies throttleRate at start and counts the injected throttling separately', async () => {
    const sandbox = await startTestSandbox({
      pinpoint: { faults: { throttleRate: 1 } },
    })
    try {
      await assert.rejects(sandbox.send(), ThrottlingException)
      assert.equal(
        sandbox.pinpoint.stats().injectedErrorsByType.ThrottlingException,
        1
      )
    } finally {
      await sandbox.close()
    }
  })
})
