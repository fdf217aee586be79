import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'

import { PinpointSMSVoiceV2ServiceException } from '@aws-sdk/client-pinpoint-sms-voice-v2'

import { rawApiRequest } from './support/raw-api.ts'
import {
  pinpointClient,
  rejectsWith,
  startTestSandbox,
  type TestSandbox,
} from './support/sandbox-fixture.ts'

const VALID_BODY = JSON.stringify({
  DestinationPhoneNumber: '+14254147755',
  OriginationIdentity: '+18445550100',
  MessageBody: 'hi',
})

describe('AWS JSON 1.0 wire protocol', () => {
  let sandbox: TestSandbox
  before(async () => {
    sandbox = await startTestSandbox()
  })
  after(() => sandbox.close())
  beforeEach(() => sandbox.pinpoint.reset())

  it('answers success with the JSON content type, a request id and a MessageId', async () => {
    const { status, headers, json } = await rawApiRequest(
      sandbox.pinpoint.endpoint,
      { body: VALID_BODY }
    )
    assert.equal(status, 200)
    assert.equal(headers.get('content-type'), 'application/x-amz-json-1.0')
    assert.match(headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/)
    assert.deepEqual(Object.keys(json), ['MessageId'])
  })

  it('shapes errors like AWS: status, x-amzn-ErrorType, namespaced __type, Message and members', async () => {
    const { status, headers, json } = await rawApiRequest(
      sandbox.pinpoint.endpoint,
      {
        body: JSON.stringify({ ...JSON.parse(VALID_BODY), TimeToLive: 1 }),
      }
    )
    assert.equal(status, 400)
    assert.equal(headers.get('x-amzn-errortype'), 'ValidationException')
    assert.ok(headers.get('x-amzn-requestid'))
    assert.equal(
      json.__type,
      'com.amazonaws.pinpointsmsvoicev2#ValidationException'
    )
    assert.equal(json.Reason, 'FIELD_VALIDATION_FAILED')
    assert.deepEqual(json.Fields, [
      {
        Name: 'TimeToLive',
        Message: 'Member must have value greater than or equal to 5',
      },
    ])
    assert.match(
      String(json.Message),
      /^1 validation error detected: Value at 'timeToLive'/
    )
  })

  it('puts the request id into InternalServerException.RequestId', async () => {
    sandbox.pinpoint.setFaults({
      failNext: { error: 'InternalServerException', count: 1 },
    })
    const { status, headers, json } = await rawApiRequest(
      sandbox.pinpoint.endpoint,
      { body: VALID_BODY }
    )
    assert.equal(status, 500)
    assert.equal(
      json.__type,
      'com.amazonaws.pinpointsmsvoicev2#InternalServerException'
    )
    assert.equal(json.RequestId, headers.get('x-amzn-requestid'))
  })

  it('answers an unknown operation with UnknownOperationException', async () => {
    const { status, headers, json } = await rawApiRequest(
      sandbox.pinpoint.endpoint,
      {
        target: 'PinpointSMSVoiceV2.SendTextMessage',
      }
    )
    assert.equal(status, 400)
    assert.equal(headers.get('x-amzn-errortype'), 'UnknownOperationException')
    assert.equal(
      json.__type,
      'com.amazon.coral.service#UnknownOperationException'
    )
    assert.match(String(json.message), /SendTextMessage/)
    assert.equal(
      (await rawApiRequest(sandbox.pinpoint.endpoint, { target: null })).json
        .__type,
      json.__type
    )
  })

  it('requires a SigV4 Authorization header', async () => {
    const { status, json } = await rawApiRequest(sandbox.pinpoint.endpoint, {
      body: VALID_BODY,
      authorization: null,
    })
    assert.equal(status, 400)
    assert.equal(
      json.__type,
      'com.amazon.coral.service#MissingAuthenticationTokenException'
    )
    const basic = await rawApiRequest(sandbox.pinpoint.endpoint, {
      body: VALID_BODY,
      authorization: 'Basic Zm9vOmJhcg==',
    })
    assert.equal(
      basic.json.__type,
      'com.amazon.coral.service#IncompleteSignatureException'
    )
    assert.equal(sandbox.pinpoint.inbox().length, 0)
  })

  it('requires the credential scope to name the sms-voice service', async () => {
    const { status, json } = await rawApiRequest(sandbox.pinpoint.endpoint, {
      body: VALID_BODY,
      authorization:
        'AWS4-HMAC-SHA256 Credential=sandbox/20250101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=abc',
    })
    assert.equal(status, 400)
    assert.equal(
      json.__type,
      'com.amazon.coral.service#InvalidSignatureException'
    )
    assert.match(String(json.message), /'sms-voice'/)
  })

  it('surfaces a wrong signing service as an error in the SDK', async () => {
    // signingName is honoured at run time but no longer part of the client's config type.
    const signedForSns = { maxAttempts: 1, signingName: 'sns' } as Parameters<
      typeof pinpointClient
    >[1]
    const client = pinpointClient(sandbox.pinpoint.endpoint, signedForSns)
    try {
      const error = await rejectsWith(
        sandbox.send({}, client),
        PinpointSMSVoiceV2ServiceException
      )
      assert.equal(error.name, 'InvalidSignatureException')
    } finally {
      client.destroy()
    }
  })

  it('answers SerializationException for malformed JSON, wrong member types and a wrong content type', async () => {
    const notJson = await rawApiRequest(sandbox.pinpoint.endpoint, {
      body: '{"DestinationPhoneNumber":',
    })
    assert.equal(
      notJson.json.__type,
      'com.amazon.coral.service#SerializationException'
    )
    const wrongType = await rawApiRequest(sandbox.pinpoint.endpoint, {
      body: JSON.stringify({ ...JSON.parse(VALID_BODY), TimeToLive: '60' }),
    })
    assert.equal(
      wrongType.json.__type,
      'com.amazon.coral.service#SerializationException'
    )
    assert.match(String(wrongType.json.message), /TimeToLive/)
    const form = await rawApiRequest(sandbox.pinpoint.endpoint, {
      body: VALID_BODY,
      contentType: 'application/x-www-form-urlencoded',
    })
    assert.equal(form.status, 400)
    assert.equal(
      form.json.__type,
      'com.amazon.coral.service#SerializationException'
    )
    assert.equal(sandbox.pinpoint.stats().protocolErrors, 3)
  })

  it('keeps every request in exactly one outcome counter', async () => {
    sandbox.pinpoint.setFaults({
      failNext: { error: 'ThrottlingException', count: 1 },
    })
    await rawApiRequest(sandbox.pinpoint.endpoint, { body: VALID_BODY })
    await rawApiRequest(sandbox.pinpoint.endpoint, { body: VALID_BODY })
    await rawApiRequest(sandbox.pinpoint.endpoint, { body: '{}' })
    await rawApiRequest(sandbox.pinpoint.endpoint, { target: 'Nope' })
    const {
      injectedErrorsByType,
      hangingNow,
      inFlight,
      requests,
      ...outcomes
    } = sandbox.pinpoint.stats()
    assert.equal(inFlight, 0)
    assert.equal(requests, 4)
    assert.equal(
      Object.values(outcomes).reduce((sum, n) => sum + n, 0),
      requests
    )
    assert.deepEqual(
      [
        outcomes.injectedErrors,
        outcomes.accepted,
        outcomes.validationErrors,
        outcomes.protocolErrors,
      ],
      [1, 1, 1, 1]
    )
    assert.deepEqual(injectedErrorsByType, { ThrottlingException: 1 })
    assert.equal(hangingNow, 0)
  })
})
