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

  it('reads a rate per origination identity, with or without a rate for the rest', () => {
    const identities = '+18445550100,+18445550101,MYBRAND'
    assert.deepEqual(
      configFromEnv({
        PINPOINT_ORIGINATION_NUMBER: identities,
        SANDBOX_MPS: '+18445550100=20, +18445550101=3',
      }).options.pinpoint,
      {
        originationIdentities: ['+18445550100', '+18445550101', 'MYBRAND'],
        messagesPerSecondByIdentity: { '+18445550100': 20, '+18445550101': 3 },
        faults: {},
      }
    )
    const mixed = configFromEnv({
      PINPOINT_ORIGINATION_NUMBER: identities,
      SANDBOX_MPS: '5,MYBRAND=0',
    }).options.pinpoint
    assert.equal(mixed?.messagesPerSecond, 5)
    assert.deepEqual(mixed?.messagesPerSecondByIdentity, { MYBRAND: 0 })
    assert.deepEqual(
      configFromEnv({ SANDBOX_MPS: '+18445550100=1' }).options.pinpoint
        ?.messagesPerSecondByIdentity,
      { '+18445550100': 1 },
      'the default origination number may be named'
    )
  })

  it('names every problem with a per-identity SANDBOX_MPS', () => {
    const problems = (mps: string) => {
      try {
        configFromEnv({
          PINPOINT_ORIGINATION_NUMBER: '+18445550100,+18445550101',
          SANDBOX_MPS: mps,
        })
      } catch (error) {
        assert.ok(error instanceof EnvConfigError)
        return error.message
      }
      assert.fail(`SANDBOX_MPS=${mps} was accepted`)
    }
    assert.match(
      problems('+15555550100=3'),
      /SANDBOX_MPS names \+15555550100, which is not an origination identity \(PINPOINT_ORIGINATION_NUMBER: \+18445550100,\+18445550101\)/
    )
    assert.match(
      problems('+18445550100=fast'),
      /the rate of \+18445550100 must be an integer from 0 to 100000, got "fast"/
    )
    assert.match(
      problems('+18445550100=2,+18445550100=3'),
      /names \+18445550100 more than once/
    )
    assert.match(
      problems('3,4'),
      /SANDBOX_MPS must be an integer from 0 to 100000, or identity=rate pairs/
    )
    assert.match(
      problems('+18445550100 20'),
      /or identity=rate pairs separated by commas \(e\.g\. \+18445550100=20,\+18445550101=3\), got "\+18445550100 20"/
    )
    const both = problems('+15555550100=3,+18445550101=-1')
    assert.match(both, /\+15555550100/)
    assert.match(both, /\+18445550101/)
  })

  it('reads the Region and number types, and checks them', () => {
    assert.deepEqual(
      configFromEnv({
        SANDBOX_REGION: 'eu-west-1',
        PINPOINT_ORIGINATION_NUMBER: '+12065550100',
        SANDBOX_NUMBER_TYPES: '+12065550100=TEN_DLC',
      }).options.pinpoint,
      {
        region: 'eu-west-1',
        originationIdentities: ['+12065550100'],
        numberTypes: { '+12065550100': 'TEN_DLC' },
        faults: {},
      }
    )
    assert.throws(
      () =>
        configFromEnv({
          SANDBOX_REGION: 'moon',
          PINPOINT_ORIGINATION_NUMBER: '+12065550100,MYBRAND',
          SANDBOX_NUMBER_TYPES: '+12065550100=PIGEON,MYBRAND=LONG_CODE',
        }),
      (error: unknown) =>
        error instanceof EnvConfigError &&
        /SANDBOX_REGION must look like us-east-1/.test(error.message) &&
        /the type of \+12065550100 must be one of LONG_CODE, TOLL_FREE/.test(
          error.message
        ) &&
        /SANDBOX_NUMBER_TYPES names MYBRAND, which is not a phone number/.test(
          error.message
        )
    )
  })

  it('reads the SNS topic, signature version and event delay, and checks them', () => {
    assert.deepEqual(
      configFromEnv({
        SANDBOX_SNS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:events',
        SANDBOX_SNS_SIGNATURE_VERSION: '2',
        SANDBOX_EVENT_DELAY_MS: '0',
      }).options.pinpoint,
      {
        snsTopicArn: 'arn:aws:sns:eu-west-1:123456789012:events',
        snsSignatureVersion: '2',
        eventDelayMs: 0,
        faults: {},
      }
    )
    assert.throws(
      () =>
        configFromEnv({
          SANDBOX_SNS_TOPIC_ARN: 'mms-delivery-events',
          SANDBOX_SNS_SIGNATURE_VERSION: 'SHA256',
          SANDBOX_EVENT_DELAY_MS: 'soon',
        }),
      (error: unknown) =>
        error instanceof EnvConfigError &&
        /SANDBOX_SNS_TOPIC_ARN: the SNS topic ARN must look like arn:aws:sns:/.test(
          error.message
        ) &&
        /SANDBOX_SNS_SIGNATURE_VERSION must be 1 \(SHA1withRSA\) or 2 \(SHA256withRSA\), got "SHA256"/.test(
          error.message
        ) &&
        /SANDBOX_EVENT_DELAY_MS must be an integer from 0 to 600000/.test(
          error.message
        )
    )
  })
})
