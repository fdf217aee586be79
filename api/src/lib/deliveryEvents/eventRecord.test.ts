import { MMS_ERRORS } from 'src/lib/mmsErrors'

import {
  decimalUsd,
  isMediaEvent,
  meaningOf,
  parseEventRecord,
} from './eventRecord'

describe('meaningOf', () => {
  it.each([
    ['MEDIA_PENDING', { status: 'SENT' }],
    ['MEDIA_QUEUED', { status: 'SENT' }],
    ['MEDIA_SUCCESSFUL', { status: 'SENT' }],
    ['MEDIA_DELIVERED', { status: 'DELIVERED' }],
    [
      'MEDIA_UNREACHABLE',
      { status: 'UNDELIVERED', errorCode: 'DESTINATION_UNREACHABLE' },
    ],
    [
      'MEDIA_CARRIER_UNREACHABLE',
      { status: 'UNDELIVERED', errorCode: 'DESTINATION_UNREACHABLE' },
    ],
    [
      'MEDIA_BLOCKED',
      { status: 'UNDELIVERED', errorCode: 'BLOCKED_BY_CARRIER' },
    ],
    [
      'MEDIA_CARRIER_BLOCKED',
      { status: 'UNDELIVERED', errorCode: 'BLOCKED_BY_CARRIER' },
    ],
    ['MEDIA_SPAM', { status: 'UNDELIVERED', errorCode: 'FLAGGED_AS_SPAM' }],
    [
      'MEDIA_INVALID',
      { status: 'UNDELIVERED', errorCode: 'INVALID_DESTINATION' },
    ],
    [
      'MEDIA_INVALID_MESSAGE',
      { status: 'UNDELIVERED', errorCode: 'INVALID_MESSAGE' },
    ],
    [
      'MEDIA_TTL_EXPIRED',
      { status: 'UNDELIVERED', errorCode: 'DELIVERY_EXPIRED' },
    ],
    ['MEDIA_UNKNOWN', { status: 'UNDELIVERED', errorCode: 'DELIVERY_UNKNOWN' }],
    [
      'MEDIA_FILE_INACCESSIBLE',
      { status: 'UNDELIVERED', errorCode: 'MEDIA_NOT_ACCESSIBLE' },
    ],
    [
      'MEDIA_FILE_TYPE_UNSUPPORTED',
      { status: 'UNDELIVERED', errorCode: 'MEDIA_TYPE_NOT_SUPPORTED' },
    ],
    [
      'MEDIA_FILE_SIZE_EXCEEDED',
      { status: 'UNDELIVERED', errorCode: 'MEDIA_TOO_LARGE' },
    ],
  ])('%s means %o', (eventType, meaning) => {
    expect(meaningOf(eventType)).toEqual(meaning)
    if ('errorCode' in meaning) {
      expect(MMS_ERRORS).toHaveProperty(meaning.errorCode)
    }
  })

  it('gives no status to a type it does not know, nor to an inherited name', () => {
    expect(meaningOf('MEDIA_FAILED')).toBeNull()
    expect(meaningOf('toString')).toBeNull()
    expect(meaningOf('constructor')).toBeNull()
  })

  it('tells MMS events from SMS and voice ones', () => {
    expect(isMediaEvent('MEDIA_DELIVERED')).toBe(true)
    expect(isMediaEvent('TEXT_DELIVERED')).toBe(false)
  })
})

describe('parseEventRecord', () => {
  const record = {
    eventType: 'MEDIA_DELIVERED',
    eventVersion: '1.0',
    eventTimestamp: 1_795_003_205_000,
    isFinal: true,
    originationPhoneNumber: '+18445550100',
    destinationPhoneNumber: '+12065550123',
    isoCountryCode: 'US',
    mcc: '310',
    mnc: '260',
    carrierName: 'T-Mobile',
    messageId: 'aws-1',
    messageRequestTimestamp: 1_795_003_200_000,
    messageStatus: 'DELIVERED',
    messageStatusDescription: 'Delivered',
    context: { mmsMessageId: 'msg-1', orderId: '42' },
    totalMessagePrice: 0.0225,
    totalCarrierFee: 0.003,
  }

  it('reads what the app uses, in its own names', () => {
    expect(parseEventRecord(JSON.stringify(record))).toEqual({
      ok: true,
      record: {
        eventType: 'MEDIA_DELIVERED',
        occurredAt: new Date(1_795_003_205_000),
        providerMessageId: 'aws-1',
        mmsMessageId: 'msg-1',
        description: 'Delivered',
        carrier: 'T-Mobile',
        priceUsd: '0.0225',
        requestedAt: new Date(1_795_003_200_000),
        destinationPhoneNumber: '+12065550123',
      },
    })
  })

  it('names the carrier by its network codes when AWS gives no name, and copes with fields absent', () => {
    const sparse = parseEventRecord(
      JSON.stringify({
        ...record,
        carrierName: undefined,
        destinationPhoneNumber: undefined,
        context: undefined,
        totalMessagePrice: 0,
      })
    )
    expect(sparse).toMatchObject({
      ok: true,
      record: {
        carrier: '310/260',
        destinationPhoneNumber: null,
        mmsMessageId: null,
        priceUsd: null,
      },
    })
  })

  it.each([
    ['not JSON', 'MEDIA_DELIVERED', 'The Message is not JSON.'],
    ['an array', '[]', 'The Message is not an event record.'],
    [
      'without a messageId',
      JSON.stringify({ ...record, messageId: '' }),
      'The event record needs eventType, messageId and eventTimestamp (ms).',
    ],
    [
      'with a text timestamp',
      JSON.stringify({ ...record, eventTimestamp: '2026-11-23' }),
      'The event record needs eventType, messageId and eventTimestamp (ms).',
    ],
  ])('refuses a Message that is %s', (_, message, problem) => {
    expect(parseEventRecord(message)).toEqual({ ok: false, problem })
  })
})

describe('decimalUsd', () => {
  it.each([
    [0.0225, '0.0225'],
    [0.0000075, '0.0000075'],
    [1, '1'],
    [10.5, '10.5'],
    [0.1 + 0.2, '0.3'],
  ])('writes %p as %p', (value, text) => {
    expect(decimalUsd(value)).toBe(text)
  })

  it.each([0, -0.01, Number.NaN, '0.02', null])(
    'gives no price for %p',
    (value) => {
      expect(decimalUsd(value)).toBeNull()
    }
  )
})
