import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'

import {
  DescribePhoneNumbersCommand,
  paginateDescribePhoneNumbers,
  ResourceNotFoundException,
  ThrottlingException,
  ValidationException,
  type PhoneNumberInformation,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'

import { rawApiRequest } from './support/raw-api.ts'
import {
  rejectsWith,
  startTestSandbox,
  type TestSandbox,
} from './support/sandbox-fixture.ts'

const TOLL_FREE = '+18445550100'
const SECOND_TOLL_FREE = '+18885550101'
const LONG_CODE = '+12065550102'
const TEN_DLC = '+14165550103'
const SENDER_ID = 'MYBRAND'
const RATES = { [TOLL_FREE]: 2, [SECOND_TOLL_FREE]: 5, [LONG_CODE]: 0 }

describe('DescribePhoneNumbers', () => {
  let sandbox: TestSandbox
  before(async () => {
    sandbox = await startTestSandbox({
      pinpoint: {
        region: 'us-west-2',
        originationIdentities: [
          TOLL_FREE,
          SECOND_TOLL_FREE,
          LONG_CODE,
          TEN_DLC,
          SENDER_ID,
        ],
        messagesPerSecond: 1,
        messagesPerSecondByIdentity: RATES,
        numberTypes: { [TEN_DLC]: 'TEN_DLC' },
      },
    })
  })
  after(() => sandbox.close())
  beforeEach(() => sandbox.pinpoint.reset())

  const describeNumbers = (
    input: ConstructorParameters<typeof DescribePhoneNumbersCommand>[0] = {}
  ) => sandbox.client.send(new DescribePhoneNumbersCommand(input))

  const byNumber = (numbers: PhoneNumberInformation[] = []) =>
    new Map(numbers.map((n) => [n.PhoneNumber, n]))

  it('lists every configured phone number with the fields the SDK models, and no sender ids', async () => {
    const { PhoneNumbers, NextToken } = await describeNumbers()
    assert.equal(NextToken, undefined)
    assert.deepEqual(
      PhoneNumbers?.map((n) => n.PhoneNumber),
      [TOLL_FREE, SECOND_TOLL_FREE, LONG_CODE, TEN_DLC]
    )
    const tollFree = byNumber(PhoneNumbers).get(TOLL_FREE)!
    assert.match(tollFree.PhoneNumberId ?? '', /^phone-[0-9a-f]{32}$/)
    assert.equal(
      tollFree.PhoneNumberArn,
      `arn:aws:sms-voice:us-west-2:000000000000:phone-number/${tollFree.PhoneNumberId}`
    )
    assert.equal(tollFree.Status, 'ACTIVE')
    assert.equal(tollFree.IsoCountryCode, 'US')
    assert.equal(tollFree.MessageType, 'TRANSACTIONAL')
    assert.ok(tollFree.NumberCapabilities?.includes('MMS'))
    assert.equal(tollFree.NumberType, 'TOLL_FREE')
    assert.deepEqual(tollFree.MessagingLimits, { RateLimits: { MMS: 2 } })
    assert.equal(tollFree.OptOutListName, 'Default')
    assert.equal(tollFree.TwoWayEnabled, false)
    assert.ok(tollFree.CreatedTimestamp instanceof Date)
    assert.ok(
      Math.abs(tollFree.CreatedTimestamp.getTime() - Date.now()) < 60_000
    )

    const numbers = byNumber(PhoneNumbers)
    assert.equal(numbers.get(SECOND_TOLL_FREE)!.NumberType, 'TOLL_FREE')
    assert.equal(numbers.get(LONG_CODE)!.NumberType, 'LONG_CODE')
    assert.equal(numbers.get(TEN_DLC)!.NumberType, 'TEN_DLC')
    assert.equal(numbers.get(TEN_DLC)!.IsoCountryCode, 'CA')
  })

  it('reports each identity its own MMS rate, and none for an unlimited one', async () => {
    const numbers = byNumber((await describeNumbers()).PhoneNumbers)
    assert.equal(
      numbers.get(SECOND_TOLL_FREE)!.MessagingLimits?.RateLimits?.MMS,
      5
    )
    assert.equal(numbers.get(TEN_DLC)!.MessagingLimits?.RateLimits?.MMS, 1)
    assert.equal(numbers.get(LONG_CODE)!.MessagingLimits, undefined)
  })

  it('throttles each identity at exactly the rate it reports', async () => {
    const numbers = byNumber((await describeNumbers()).PhoneNumbers)
    for (const number of [TOLL_FREE, SECOND_TOLL_FREE, TEN_DLC]) {
      const rate = numbers.get(number)!.MessagingLimits!.RateLimits!.MMS!
      const results = await Promise.allSettled(
        Array.from({ length: rate + 2 }, () =>
          sandbox.send({ OriginationIdentity: number })
        )
      )
      const throttled = results.filter(
        (r) =>
          r.status === 'rejected' && r.reason instanceof ThrottlingException
      )
      assert.equal(
        results.filter((r) => r.status === 'fulfilled').length,
        rate,
        `accepted sends from the number with rate ${rate}`
      )
      assert.equal(throttled.length, 2)
    }
    const unlimited = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        sandbox.send({ OriginationIdentity: LONG_CODE })
      )
    )
    assert.ok(unlimited.every((r) => r.status === 'fulfilled'))
  })

  it('shares one rate limit between a number, its id and its ARN', async () => {
    const tollFree = byNumber((await describeNumbers()).PhoneNumbers).get(
      TOLL_FREE
    )!
    await sandbox.send({ OriginationIdentity: tollFree.PhoneNumberId })
    await sandbox.send({ OriginationIdentity: tollFree.PhoneNumberArn })
    await assert.rejects(
      sandbox.send({ OriginationIdentity: TOLL_FREE }),
      ThrottlingException
    )
    assert.deepEqual(
      sandbox.pinpoint.inbox().map((m) => m.originationIdentity),
      [tollFree.PhoneNumberId, tollFree.PhoneNumberArn]
    )
  })

  it('finds numbers by PhoneNumberId, PhoneNumberArn or the number itself', async () => {
    const all = byNumber((await describeNumbers()).PhoneNumbers)
    const { PhoneNumbers } = await describeNumbers({
      PhoneNumberIds: [
        all.get(LONG_CODE)!.PhoneNumberId!,
        all.get(TOLL_FREE)!.PhoneNumberArn!,
        SECOND_TOLL_FREE,
      ],
    })
    assert.deepEqual(
      PhoneNumbers?.map((n) => n.PhoneNumber),
      [LONG_CODE, TOLL_FREE, SECOND_TOLL_FREE]
    )
  })

  it('answers an unknown number with ResourceNotFoundException, as AWS does', async () => {
    const unknownId = 'phone-0123456789abcdef0123456789abcdef'
    const error = await rejectsWith(
      describeNumbers({ PhoneNumberIds: [TOLL_FREE, unknownId] }),
      ResourceNotFoundException
    )
    assert.equal(error.ResourceType, 'phone-number')
    assert.equal(error.ResourceId, unknownId)
    assert.equal(error.$metadata.httpStatusCode, 400)

    const senderId = await rejectsWith(
      describeNumbers({ PhoneNumberIds: [SENDER_ID] }),
      ResourceNotFoundException
    )
    assert.equal(senderId.ResourceId, SENDER_ID)
    const unknownNumber = await rejectsWith(
      describeNumbers({ PhoneNumberIds: ['+15555550199'] }),
      ResourceNotFoundException
    )
    assert.doesNotMatch(unknownNumber.message, /5555550199/)
  })

  it('pages with MaxResults and NextToken, and the SDK paginator collects every number', async () => {
    const first = await describeNumbers({ MaxResults: 3 })
    assert.equal(first.PhoneNumbers?.length, 3)
    assert.ok(first.NextToken)
    const second = await describeNumbers({
      MaxResults: 3,
      NextToken: first.NextToken,
    })
    assert.deepEqual(
      second.PhoneNumbers?.map((n) => n.PhoneNumber),
      [TEN_DLC]
    )
    assert.equal(second.NextToken, undefined)

    const collected: string[] = []
    for await (const page of paginateDescribePhoneNumbers(
      { client: sandbox.client, pageSize: 1 },
      {}
    )) {
      collected.push(...(page.PhoneNumbers ?? []).map((n) => n.PhoneNumber!))
    }
    assert.deepEqual(collected, [
      TOLL_FREE,
      SECOND_TOLL_FREE,
      LONG_CODE,
      TEN_DLC,
    ])

    const badToken = await rejectsWith(
      describeNumbers({ NextToken: 'not-a-token' }),
      ValidationException
    )
    assert.equal(badToken.Reason, 'INVALID_NEXT_TOKEN')
  })

  it('applies filters and the model constraints', async () => {
    const tollFree = await describeNumbers({
      Filters: [{ Name: 'number-type', Values: ['TOLL_FREE'] }],
    })
    assert.deepEqual(
      tollFree.PhoneNumbers?.map((n) => n.PhoneNumber),
      [TOLL_FREE, SECOND_TOLL_FREE]
    )
    const canadianMms = await describeNumbers({
      Filters: [
        { Name: 'iso-country-code', Values: ['CA'] },
        { Name: 'number-capability', Values: ['MMS'] },
      ],
    })
    assert.deepEqual(
      canadianMms.PhoneNumbers?.map((n) => n.PhoneNumber),
      [TEN_DLC]
    )
    assert.deepEqual(
      (await describeNumbers({ Owner: 'SHARED' })).PhoneNumbers,
      []
    )

    const tooMany = await rejectsWith(
      describeNumbers({
        MaxResults: 101,
        PhoneNumberIds: Array(6).fill(TOLL_FREE),
      }),
      ValidationException
    )
    assert.equal(tooMany.Reason, 'FIELD_VALIDATION_FAILED')
    assert.deepEqual(tooMany.Fields?.map((f) => f.Name).sort(), [
      'MaxResults',
      'PhoneNumberIds',
    ])
    const together = await rejectsWith(
      describeNumbers({ Owner: 'SELF', PhoneNumberIds: [TOLL_FREE] }),
      ValidationException
    )
    assert.equal(together.Reason, 'PARAMETERS_CANNOT_BE_USED_TOGETHER')

    const badFilter = await rawApiRequest(sandbox.pinpoint.endpoint, {
      target: 'PinpointSMSVoiceV2.DescribePhoneNumbers',
      body: JSON.stringify({ Filters: [{ Name: 'colour', Values: ['red'] }] }),
    })
    assert.equal(badFilter.status, 400)
    assert.equal(badFilter.json.Reason, 'FIELD_VALIDATION_FAILED')
    const wrongType = await rawApiRequest(sandbox.pinpoint.endpoint, {
      target: 'PinpointSMSVoiceV2.DescribePhoneNumbers',
      body: JSON.stringify({ PhoneNumberIds: TOLL_FREE }),
    })
    assert.equal(
      wrongType.json.__type,
      'com.amazon.coral.service#SerializationException'
    )
  })

  it('is not hit by faults meant for sends, and counts in the stats', async () => {
    sandbox.pinpoint.setFaults({
      failNext: { error: 'InternalServerException', count: 1 },
    })
    await describeNumbers()
    await assert.rejects(sandbox.send(), { name: 'InternalServerException' })
    const stats = sandbox.pinpoint.stats()
    assert.deepEqual([stats.describeCalls, stats.injectedErrors], [1, 1])
  })
})

describe('DescribePhoneNumbers with the default configuration', () => {
  it('reports the default number and the default 3 MMS per second', async () => {
    const sandbox = await startTestSandbox({
      pinpoint: { messagesPerSecond: undefined },
    })
    try {
      const { PhoneNumbers } = await sandbox.client.send(
        new DescribePhoneNumbersCommand({})
      )
      assert.equal(PhoneNumbers?.length, 1)
      assert.equal(PhoneNumbers?.[0]?.PhoneNumber, '+18445550100')
      assert.equal(
        PhoneNumbers?.[0]?.PhoneNumberArn?.split(':')[3],
        'us-east-1'
      )
      assert.deepEqual(PhoneNumbers?.[0]?.MessagingLimits?.RateLimits, {
        MMS: 3,
      })
    } finally {
      await sandbox.close()
    }
  })

  it('refuses a rate for an identity that does not exist', async () => {
    await assert.rejects(
      startTestSandbox({
        pinpoint: { messagesPerSecondByIdentity: { '+15555550100': 3 } },
      }),
      /messagesPerSecondByIdentity names \+15555550100/
    )
  })
})
