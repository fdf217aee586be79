import {
  DescribePhoneNumbersCommand,
  PinpointSMSVoiceV2Client,
  type PhoneNumberInformation,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import { mockClient } from 'aws-sdk-client-mock'

import { logger } from 'src/lib/logger'

import {
  intervalMsOf,
  listPhoneNumbers,
  OriginationRates,
  rateFor,
} from './originationRates'

const TOLL_FREE = '+18445550100'
const TEN_DLC = '+12065550100'

/** A number as DescribePhoneNumbers describes it. */
const number = (
  phoneNumber: string,
  numberType: string,
  mmsPerSecond?: number
): PhoneNumberInformation => {
  const id = `phone-${phoneNumber.slice(1)}`
  return {
    PhoneNumber: phoneNumber,
    PhoneNumberId: id,
    PhoneNumberArn: `arn:aws:sms-voice:us-east-1:123456789012:phone-number/${id}`,
    Status: 'ACTIVE',
    IsoCountryCode: 'US',
    MessageType: 'TRANSACTIONAL',
    NumberCapabilities: ['SMS', 'MMS'],
    // A type AWS may add later is still a string on the wire.
    NumberType: numberType as PhoneNumberInformation['NumberType'],
    MonthlyLeasingPrice: '2.00',
    TwoWayEnabled: false,
    SelfManagedOptOutsEnabled: false,
    OptOutListName: 'Default',
    DeletionProtectionEnabled: false,
    CreatedTimestamp: new Date(Date.UTC(2026, 0, 1)),
    ...(mmsPerSecond === undefined
      ? {}
      : { MessagingLimits: { RateLimits: { MMS: mmsPerSecond, SMS: 100 } } }),
  }
}

afterEach(() => {
  jest.restoreAllMocks()
})

describe('rateFor', () => {
  const numbers = [
    number(TOLL_FREE, 'TOLL_FREE', 20),
    number(TEN_DLC, 'TEN_DLC'),
  ]

  it('takes the limit AWS reports first, over a configured one', () => {
    expect(rateFor(TOLL_FREE, numbers, { [TOLL_FREE]: 5 })).toEqual({
      messagesPerSecond: 20,
      source: 'aws',
    })
  })

  it('finds the number by its id and its ARN as well', () => {
    for (const identity of [
      'phone-18445550100',
      'arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-18445550100',
    ]) {
      expect(rateFor(identity, numbers, {})).toEqual({
        messagesPerSecond: 20,
        source: 'aws',
      })
    }
  })

  it('takes the configured rate when AWS reports none, over the number type', () => {
    expect(rateFor(TEN_DLC, numbers, { [TEN_DLC]: 4 })).toEqual({
      messagesPerSecond: 4,
      source: 'configured',
    })
  })

  it('takes the configured rate when AWS reports zero', () => {
    const zero = [number(TOLL_FREE, 'TOLL_FREE', 0)]
    expect(rateFor(TOLL_FREE, zero, { [TOLL_FREE]: 2 }).source).toBe(
      'configured'
    )
  })

  it.each([
    ['SHORT_CODE', 40],
    ['TOLL_FREE', 3],
    ['TEN_DLC', 1],
    ['LONG_CODE', 1],
    ['SIMULATOR', 1],
  ])('takes the %s rate of %i/s when nothing else is known', (type, rate) => {
    expect(rateFor(TOLL_FREE, [number(TOLL_FREE, type)], {})).toEqual({
      messagesPerSecond: rate,
      source: 'number-type',
    })
  })

  it('falls back to 1/s for an identity AWS does not list (a pool) and nobody configured', () => {
    expect(rateFor('pool-abc', numbers, {})).toEqual({
      messagesPerSecond: 1,
      source: 'fallback',
    })
    expect(
      rateFor(TOLL_FREE, [number(TOLL_FREE, 'SOMETHING_NEW')], {})
    ).toEqual({ messagesPerSecond: 1, source: 'fallback' })
  })
})

describe('intervalMsOf', () => {
  it.each([
    [1, 1_025],
    [3, 342],
    [40, 26],
    [0.5, 2_050],
    [1_000, 2],
  ])(
    'spaces sends at %d/s %i ms apart, a little wider than the rate',
    (rate, ms) => {
      expect(
        intervalMsOf({ messagesPerSecond: rate, source: 'configured' })
      ).toBe(ms)
    }
  )
})

describe('OriginationRates', () => {
  const clock = () => {
    const state = { ms: Date.UTC(2026, 10, 23, 12) }
    return { state, now: () => state.ms }
  }

  it('reads the numbers once, shared by concurrent callers, and reuses them for 15 minutes', async () => {
    const { state, now } = clock()
    const load = jest
      .fn()
      .mockResolvedValue([number(TOLL_FREE, 'TOLL_FREE', 20)])
    const rates = new OriginationRates(load, {}, now)

    const answers = await Promise.all([
      rates.rateOf(TOLL_FREE),
      rates.rateOf(TOLL_FREE),
      rates.rateOf('pool-abc'),
    ])
    expect(answers.map((a) => a.source)).toEqual(['aws', 'aws', 'fallback'])
    expect(load).toHaveBeenCalledTimes(1)

    state.ms += 15 * 60_000 - 1
    await rates.rateOf(TOLL_FREE)
    expect(load).toHaveBeenCalledTimes(1)

    load.mockResolvedValue([number(TOLL_FREE, 'TOLL_FREE', 30)])
    state.ms += 1
    expect(await rates.rateOf(TOLL_FREE)).toEqual({
      messagesPerSecond: 30,
      source: 'aws',
    })
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('sends at the configured or default rates when AWS cannot be asked, says so without AWS text, and asks again a minute later', async () => {
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined)
    const { state, now } = clock()
    const denied = Object.assign(
      new Error('User: arn:aws:iam::123456789012:user/x is not authorized'),
      { name: 'AccessDeniedException' }
    )
    const load = jest.fn().mockRejectedValue(denied)
    const rates = new OriginationRates(load, { [TOLL_FREE]: 2 }, now)

    expect(await rates.rateOf(TOLL_FREE)).toEqual({
      messagesPerSecond: 2,
      source: 'configured',
    })
    expect(await rates.rateOf('pool-abc')).toEqual({
      messagesPerSecond: 1,
      source: 'fallback',
    })
    expect(load).toHaveBeenCalledTimes(1)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn).toHaveBeenCalledWith(
      { errorCode: 'AccessDeniedException' },
      expect.stringContaining('DescribePhoneNumbers')
    )
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(/not authorized|arn:/)

    state.ms += 59_999
    await rates.rateOf(TOLL_FREE)
    expect(load).toHaveBeenCalledTimes(1)

    load.mockResolvedValue([number(TOLL_FREE, 'TOLL_FREE', 20)])
    state.ms += 1
    expect((await rates.rateOf(TOLL_FREE)).source).toBe('aws')
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('keeps the limits it last read when a later refresh fails', async () => {
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined)
    const { state, now } = clock()
    const load = jest
      .fn()
      .mockResolvedValueOnce([number(TOLL_FREE, 'TOLL_FREE', 20)])
      .mockRejectedValue(
        Object.assign(new Error('x'), { name: 'TimeoutError' })
      )
    const rates = new OriginationRates(load, {}, now)

    await rates.rateOf(TOLL_FREE)
    state.ms += 15 * 60_000
    expect(await rates.rateOf(TOLL_FREE)).toEqual({
      messagesPerSecond: 20,
      source: 'aws',
    })
    expect(load).toHaveBeenCalledTimes(2)
  })
})

describe('listPhoneNumbers', () => {
  const pinpoint = mockClient(PinpointSMSVoiceV2Client)

  afterEach(() => {
    pinpoint.reset()
  })

  it('reads every page of the account’s numbers', async () => {
    pinpoint
      .on(DescribePhoneNumbersCommand)
      .resolvesOnce({
        PhoneNumbers: [number(TOLL_FREE, 'TOLL_FREE', 20)],
        NextToken: 'page-2',
      })
      .resolvesOnce({ PhoneNumbers: [number(TEN_DLC, 'TEN_DLC')] })

    const numbers = await listPhoneNumbers(
      new PinpointSMSVoiceV2Client({ region: 'us-east-1' })
    )

    expect(numbers.map((n) => n.PhoneNumber)).toEqual([TOLL_FREE, TEN_DLC])
    expect(
      pinpoint
        .commandCalls(DescribePhoneNumbersCommand)
        .map((call) => call.args[0].input)
    ).toEqual([
      { NextToken: undefined, MaxResults: 50 },
      { NextToken: 'page-2', MaxResults: 50 },
    ])
  })
})
