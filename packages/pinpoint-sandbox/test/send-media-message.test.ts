import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'

import {
  ConflictException,
  PinpointSMSVoiceV2Client,
  ResourceNotFoundException,
  SendMediaMessageCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'

import {
  SIMULATOR_FAILURE_NUMBER,
  SIMULATOR_OPTED_OUT_NUMBER,
  SIMULATOR_SUCCESS_NUMBER,
} from '../src/index.ts'

import {
  REGION,
  rejectsWith,
  startTestSandbox,
  TEST_CREDENTIALS,
  validRequest,
  type TestSandbox,
} from './support/sandbox-fixture.ts'

describe('SendMediaMessage', () => {
  let sandbox: TestSandbox
  before(async () => {
    sandbox = await startTestSandbox()
  })
  after(() => sandbox.close())
  beforeEach(() => sandbox.pinpoint.reset())

  it('accepts a message with an image and puts it in the inbox with everything sent', async () => {
    const { MessageId, $metadata } = await sandbox.send({
      MessageBody: 'Your order has shipped',
      MediaUrls: [sandbox.imageUri],
      ConfigurationSetName: 'mms-events',
      Context: { appMessageId: 'msg-42' },
      TimeToLive: 3600,
      MaxPrice: '0.05',
    })
    assert.equal($metadata.httpStatusCode, 200)
    assert.match(MessageId ?? '', /^[0-9a-f-]{36}$/)

    const [message, ...rest] = sandbox.pinpoint.inbox()
    assert.equal(rest.length, 0)
    assert.ok(message)
    assert.equal(message.messageId, MessageId)
    assert.equal(message.destinationPhoneNumber, SIMULATOR_SUCCESS_NUMBER)
    assert.equal(message.originationIdentity, '+18445550100')
    assert.equal(message.messageBody, 'Your order has shipped')
    assert.deepEqual(message.mediaUrls, [sandbox.imageUri])
    assert.deepEqual(message.media, [
      {
        uri: sandbox.imageUri,
        contentType: 'image/png',
        size: sandbox.s3.samples[0]!.size,
      },
    ])
    assert.deepEqual(message.context, { appMessageId: 'msg-42' })
    assert.equal(message.configurationSetName, 'mms-events')
    assert.equal(message.timeToLive, 3600)
    assert.equal(message.maxPrice, '0.05')
    assert.equal(message.dryRun, false)
    assert.equal(message.status, 'DELIVERED')
    assert.equal(message.eventType, 'MEDIA_DELIVERED')
    assert.ok(Date.parse(message.receivedAt) <= Date.now())
    assert.equal(sandbox.pinpoint.stats().accepted, 1)
  })

  it('accepts a video without a body', async () => {
    await sandbox.send({
      MessageBody: undefined,
      MediaUrls: [sandbox.videoUri],
    })
    const [message] = sandbox.pinpoint.inbox()
    assert.equal(message?.messageBody, null)
    assert.equal(message?.media[0]?.contentType, 'video/mp4')
  })

  it('stores the destination in E.164 even when sent without the +', async () => {
    await sandbox.send({ DestinationPhoneNumber: '14255550123' })
    assert.equal(
      sandbox.pinpoint.inbox()[0]?.destinationPhoneNumber,
      '+14255550123'
    )
  })

  it('marks messages to the failure simulator number as failed, after accepting them', async () => {
    const { MessageId } = await sandbox.send({
      DestinationPhoneNumber: SIMULATOR_FAILURE_NUMBER,
    })
    assert.ok(MessageId)
    const [message] = sandbox.pinpoint.inbox({
      destination: SIMULATOR_FAILURE_NUMBER,
    })
    assert.equal(message?.messageId, MessageId)
    assert.equal(message?.status, 'FAILED')
    assert.equal(message?.eventType, 'MEDIA_UNREACHABLE')
    assert.match(message?.statusDescription ?? '', /unreachable/)
  })

  it('answers ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT for the opted-out number', async () => {
    const error = await rejectsWith(
      sandbox.send({ DestinationPhoneNumber: SIMULATOR_OPTED_OUT_NUMBER }),
      ConflictException
    )
    assert.equal(error.Reason, 'DESTINATION_PHONE_NUMBER_OPTED_OUT')
    assert.equal(error.ResourceType, 'opt-out-list')
    assert.equal(error.ResourceId, 'Default')
    assert.equal(error.$metadata.httpStatusCode, 400)
    assert.equal(sandbox.pinpoint.inbox().length, 0)
    assert.equal(sandbox.pinpoint.stats().conflicts, 1)
  })

  it('answers ResourceNotFoundException for an unknown origination identity', async () => {
    const error = await rejectsWith(
      sandbox.send({ OriginationIdentity: '+18445550199' }),
      ResourceNotFoundException
    )
    assert.equal(error.ResourceType, 'phone-number')
    assert.equal(error.ResourceId, '+18445550199')
    assert.equal(error.$metadata.httpStatusCode, 400)
    const pool = await rejectsWith(
      sandbox.send({ OriginationIdentity: 'pool-123abc' }),
      ResourceNotFoundException
    )
    assert.equal(pool.ResourceType, 'pool')
    assert.equal(sandbox.pinpoint.stats().resourceNotFound, 2)
  })

  it('answers ResourceNotFoundException for an unknown configuration set', async () => {
    const error = await rejectsWith(
      sandbox.send({ ConfigurationSetName: 'no-such-set' }),
      ResourceNotFoundException
    )
    assert.equal(error.ResourceType, 'configuration-set')
    assert.equal(error.ResourceId, 'no-such-set')
  })

  it('validates a DryRun fully, returns a MessageId, and does not deliver it', async () => {
    const { MessageId } = await sandbox.send({
      DryRun: true,
      MediaUrls: [sandbox.imageUri],
    })
    assert.ok(MessageId)
    const [message] = sandbox.pinpoint.inbox()
    assert.equal(message?.messageId, MessageId)
    assert.equal(message?.dryRun, true)
    assert.equal(message?.status, 'DRY_RUN')
    assert.equal(message?.eventType, null)
    const stats = sandbox.pinpoint.stats()
    assert.equal(stats.dryRuns, 1)
    assert.equal(stats.accepted, 0)

    await rejectsWith(
      sandbox.send({
        DryRun: true,
        DestinationPhoneNumber: SIMULATOR_OPTED_OUT_NUMBER,
      }),
      ConflictException
    )
  })

  it('is reachable through AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 without an endpoint in code', async () => {
    const previous = process.env.AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2
    process.env.AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 =
      sandbox.pinpoint.endpoint
    const client = new PinpointSMSVoiceV2Client({
      region: REGION,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
    })
    try {
      const { MessageId } = await client.send(
        new SendMediaMessageCommand(validRequest())
      )
      assert.equal(sandbox.pinpoint.inbox()[0]?.messageId, MessageId)
    } finally {
      client.destroy()
      if (previous === undefined)
        delete process.env.AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2
      else process.env.AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 = previous
    }
  })
})
