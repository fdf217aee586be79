import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { configFromEnv, EnvConfigError } from '../src/config-from-env.ts'

describe('configuration from environment variables', () => {
  it('leaves every option to its default when nothing is set', () => {
    assert.deepEqual(configFromEnv({}), {
      options: { s3: {}, pinpoint: { faults: {} } },
      logRequests: true,
    })
  })

  it('reads ports, names, lists, the MPS limit and faults', () => {
    const { options, logRequests } = configFromEnv({
      SANDBOX_HOST: '0.0.0.0',
      SANDBOX_S3_PORT: '5000',
      SANDBOX_PINPOINT_PORT: '0',
      SANDBOX_S3_DIR: '/tmp/s3',
      S3_MMS_BUCKET_NAME: 'my-bucket',
      SANDBOX_CORS_ORIGINS: 'http://localhost:3000, http://localhost:8910',
      PINPOINT_ORIGINATION_NUMBER: '+18445550100,+18445550101',
      PINPOINT_CONFIGURATION_SET_NAME: 'events',
      SANDBOX_MPS: '10',
      SANDBOX_FAULT_INTERNAL_ERROR_RATE: '0.1',
      SANDBOX_FAULT_LATENCY_MS: '200',
      SANDBOX_FAULT_SEED: '7',
      SANDBOX_LOG: 'off',
    })
    assert.deepEqual(options, {
      s3: {
        host: '0.0.0.0',
        port: 5000,
        directory: '/tmp/s3',
        bucket: 'my-bucket',
        corsOrigins: ['http://localhost:3000', 'http://localhost:8910'],
      },
      pinpoint: {
        host: '0.0.0.0',
        port: 0,
        originationIdentities: ['+18445550100', '+18445550101'],
        configurationSets: ['events'],
        messagesPerSecond: 10,
        faults: { internalErrorRate: 0.1, latencyMs: 200, seed: 7 },
      },
    })
    assert.equal(logRequests, false)
  })

  it('treats empty values as unset', () => {
    assert.deepEqual(
      configFromEnv({ SANDBOX_MPS: '', SANDBOX_S3_PORT: '  ' }).options.s3,
      {}
    )
  })

  it('reports every invalid value at once', () => {
    assert.throws(
      () =>
        configFromEnv({
          SANDBOX_MPS: 'fast',
          SANDBOX_PINPOINT_PORT: '70000',
          SANDBOX_FAULT_HANG_RATE: '2',
          SANDBOX_LOG: 'maybe',
        }),
      (error: unknown) =>
        error instanceof EnvConfigError &&
        [
          'SANDBOX_MPS',
          'SANDBOX_PINPOINT_PORT',
          'hangRate',
          'SANDBOX_LOG',
        ].every((name) => error.message.includes(name))
    )
  })
})
