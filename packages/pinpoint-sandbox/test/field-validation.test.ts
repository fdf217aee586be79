import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'

import {
  ValidationException,
  type SendMediaMessageCommandInput,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'

import {
  rejectsWith,
  startTestSandbox,
  type TestSandbox,
} from './support/sandbox-fixture.ts'

interface RejectedCase {
  name: string
  input: Partial<SendMediaMessageCommandInput>
  reason?: string
  fields: string[]
  message?: RegExp
}

const sixPairs = Object.fromEntries(
  [1, 2, 3, 4, 5, 6].map((n) => [`k${n}`, 'v'])
)

const rejected: RejectedCase[] = [
  {
    name: 'destination with letters',
    input: { DestinationPhoneNumber: '+1425ABC7755' },
    fields: ['DestinationPhoneNumber'],
    message: /regular expression pattern: \\\+\?\[1-9\]/,
  },
  {
    name: 'destination starting with 0',
    input: { DestinationPhoneNumber: '+04254147755' },
    fields: ['DestinationPhoneNumber'],
  },
  {
    name: 'destination of one digit',
    input: { DestinationPhoneNumber: '+1' },
    fields: ['DestinationPhoneNumber'],
  },
  {
    name: 'destination longer than 20 characters',
    input: { DestinationPhoneNumber: `+1${'2'.repeat(19)}` },
    fields: ['DestinationPhoneNumber'],
    message: /length less than or equal to 20/,
  },
  {
    name: 'origination identity with a space',
    input: { OriginationIdentity: 'my number' },
    fields: ['OriginationIdentity'],
  },
  {
    name: 'body of 1601 characters',
    input: { MessageBody: 'x'.repeat(1601) },
    fields: ['MessageBody'],
    message: /length less than or equal to 1600/,
  },
  {
    name: 'body of 1601 emoji',
    input: { MessageBody: '📦'.repeat(1601) },
    fields: ['MessageBody'],
    message: /length less than or equal to 1600/,
  },
  {
    name: 'body of 1600 characters and an emoji',
    input: { MessageBody: 'x'.repeat(1600) + '📦' },
    fields: ['MessageBody'],
    message: /length less than or equal to 1600/,
  },
  {
    name: 'body of 800 accented letters and one more letter (a combining mark is a code point)',
    input: { MessageBody: 'e\u0301'.repeat(800) + 'e' },
    fields: ['MessageBody'],
    message: /length less than or equal to 1600/,
  },
  {
    name: 'empty body',
    input: { MessageBody: '' },
    fields: ['MessageBody'],
    message: /greater than or equal to 1/,
  },
  {
    name: 'whitespace-only body',
    input: { MessageBody: ' \n\t ' },
    fields: ['MessageBody'],
    message: /blank/,
  },
  {
    name: 'two media URLs',
    input: {
      MediaUrls: ['s3://mms-media-local/a.png', 's3://mms-media-local/b.png'],
    },
    fields: ['MediaUrls'],
    message: /length less than or equal to 1/,
  },
  { name: 'empty media list', input: { MediaUrls: [] }, fields: ['MediaUrls'] },
  {
    name: 'https media URL',
    input: { MediaUrls: ['https://mms-media-local.s3.amazonaws.com/a.png'] },
    fields: ['MediaUrls'],
    message: /mediaUrls\.1\.member/,
  },
  {
    name: 'upper-case bucket',
    input: { MediaUrls: ['s3://MMS-Media/a.png'] },
    fields: ['MediaUrls'],
  },
  {
    name: 'S3 URI without a key',
    input: { MediaUrls: ['s3://mms-media-local'] },
    fields: ['MediaUrls'],
  },
  {
    name: 'media URL over 2048 characters',
    input: { MediaUrls: [`s3://mms-media-local/${'k'.repeat(2040)}`] },
    fields: ['MediaUrls'],
  },
  {
    name: 'TimeToLive 4',
    input: { TimeToLive: 4 },
    fields: ['TimeToLive'],
    message: /greater than or equal to 5/,
  },
  {
    name: 'TimeToLive 259201',
    input: { TimeToLive: 259201 },
    fields: ['TimeToLive'],
    message: /less than or equal to 259200/,
  },
  {
    name: 'MaxPrice without a point',
    input: { MaxPrice: '1' },
    fields: ['MaxPrice'],
  },
  {
    name: 'MaxPrice with three integer digits',
    input: { MaxPrice: '100.0' },
    fields: ['MaxPrice'],
  },
  {
    name: 'MaxPrice with six decimals',
    input: { MaxPrice: '0.123456' },
    fields: ['MaxPrice'],
  },
  {
    name: 'six Context pairs',
    input: { Context: sixPairs },
    fields: ['Context'],
    message: /less than or equal to 5/,
  },
  {
    name: 'Context key of 101 characters',
    input: { Context: { ['k'.repeat(101)]: 'v' } },
    fields: ['Context'],
  },
  {
    name: 'Context key with a space',
    input: { Context: { 'order id': 'v' } },
    fields: ['Context'],
    message: /whitespace/,
  },
  {
    name: 'Context value of 801 characters',
    input: { Context: { k: 'v'.repeat(801) } },
    fields: ['Context'],
  },
  {
    name: 'Context value with leading whitespace',
    input: { Context: { k: ' v' } },
    fields: ['Context'],
  },
  {
    name: 'empty Context value',
    input: { Context: { k: '' } },
    fields: ['Context'],
  },
  {
    name: 'configuration set name with a space',
    input: { ConfigurationSetName: 'mms events' },
    fields: ['ConfigurationSetName'],
  },
  {
    name: 'protect configuration id with a dot',
    input: { ProtectConfigurationId: 'protect.1' },
    fields: ['ProtectConfigurationId'],
  },
  {
    name: 'several invalid fields at once',
    input: { DestinationPhoneNumber: 'x', TimeToLive: 1 },
    fields: ['DestinationPhoneNumber', 'TimeToLive'],
    message: /^2 validation errors detected/,
  },
  {
    name: 'neither body nor media',
    input: { MessageBody: undefined },
    reason: 'MISSING_PARAMETER',
    fields: ['MessageBody', 'MediaUrls'],
  },
]

const accepted: Array<{
  name: string
  input: Partial<SendMediaMessageCommandInput>
}> = [
  {
    name: 'body of exactly 1600 characters',
    input: { MessageBody: 'x'.repeat(1600) },
  },
  {
    name: 'body of 1600 emoji (counted in code points, not UTF-16 units)',
    input: { MessageBody: '📦'.repeat(1600) },
  },
  {
    name: 'body of 1599 characters ending in an emoji (3201 UTF-16 units)',
    input: { MessageBody: 'x'.repeat(1599) + '📦' },
  },
  {
    name: 'body of 800 letters with combining accents (1600 code points)',
    input: { MessageBody: 'e\u0301'.repeat(800) },
  },
  {
    name: 'destination without +',
    input: { DestinationPhoneNumber: '14254147755' },
  },
  { name: 'TimeToLive 5', input: { TimeToLive: 5 } },
  { name: 'TimeToLive 259200', input: { TimeToLive: 259200 } },
  { name: 'MaxPrice .5', input: { MaxPrice: '.5' } },
  { name: 'MaxPrice 99.99999', input: { MaxPrice: '99.99999' } },
  {
    name: 'five Context pairs at the length limits',
    input: {
      Context: {
        a: 'v',
        b: 'v',
        c: 'v',
        ['k'.repeat(100)]: 'v'.repeat(800),
        e: 'inner space ok',
      },
    },
  },
  {
    name: 'a known configuration set',
    input: { ConfigurationSetName: 'mms-events' },
  },
  {
    name: 'protect configuration id',
    input: { ProtectConfigurationId: 'protect-0123456789abcdef' },
  },
]

describe('SendMediaMessage field validation', () => {
  let sandbox: TestSandbox
  before(async () => {
    sandbox = await startTestSandbox()
  })
  after(() => sandbox.close())
  beforeEach(() => sandbox.pinpoint.reset())

  for (const testCase of rejected) {
    it(`rejects ${testCase.name}`, async () => {
      const error = await rejectsWith(
        sandbox.send(testCase.input),
        ValidationException
      )
      assert.equal(error.$metadata.httpStatusCode, 400)
      assert.equal(error.Reason, testCase.reason ?? 'FIELD_VALIDATION_FAILED')
      assert.deepEqual(
        error.Fields?.map((field) => field.Name),
        testCase.fields
      )
      for (const field of error.Fields ?? [])
        assert.ok(field.Message, 'every field carries a message')
      if (testCase.message) assert.match(error.message, testCase.message)
      assert.equal(sandbox.pinpoint.inbox().length, 0)
      assert.equal(sandbox.pinpoint.stats().validationErrors, 1)
    })
  }

  for (const testCase of accepted) {
    it(`accepts ${testCase.name}`, async () => {
      const { MessageId } = await sandbox.send(testCase.input)
      assert.equal(sandbox.pinpoint.inbox()[0]?.messageId, MessageId)
    })
  }

  it('rejects a request without DestinationPhoneNumber', async () => {
    const error = await rejectsWith(
      sandbox.send({ DestinationPhoneNumber: undefined }),
      ValidationException
    )
    assert.deepEqual(error.Fields, [
      { Name: 'DestinationPhoneNumber', Message: 'Member must not be null' },
    ])
  })
})
