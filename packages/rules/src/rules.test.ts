import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import {
  API_KEY_NAME_MAX_LENGTH,
  CONTEXT_MESSAGE_ID_KEY,
  checkApiKeyName,
  MESSAGE_BODY_MAX_LENGTH,
  MB,
  KB,
  checkConfigurationSetName,
  checkContext,
  checkDestinationPhoneNumber,
  checkIdempotencyKey,
  checkMaxPrice,
  checkMediaFile,
  checkMediaUri,
  checkMessageBody,
  checkProtectConfigurationId,
  checkTimeToLive,
  formatPhoneNumber,
  maskPhoneNumber,
  messageBodyLength,
  type RuleResult,
} from './index'

const value = <T>(result: RuleResult<T>): T => {
  assert.equal(result.ok, true, result.ok ? '' : result.message)
  return (result as { value: T }).value
}
const refusal = <T>(result: RuleResult<T>): string => {
  assert.equal(result.ok, false, 'expected the value to be refused')
  return (result as { message: string }).message
}

describe('checkDestinationPhoneNumber', () => {
  it('normalises a typed international number to E.164', () => {
    assert.equal(
      value(checkDestinationPhoneNumber(' +1 (206) 555-0100 ')),
      '+12065550100'
    )
    assert.equal(
      value(checkDestinationPhoneNumber('+14254147755')),
      '+14254147755'
    )
  })

  it('refuses an empty number', () => {
    assert.match(
      refusal(checkDestinationPhoneNumber('  ')),
      /Enter the destination/
    )
    assert.match(
      refusal(checkDestinationPhoneNumber(undefined)),
      /Enter the destination/
    )
  })

  it('refuses a national number, which is ambiguous without a country', () => {
    assert.match(
      refusal(checkDestinationPhoneNumber('2065550100')),
      /international format/
    )
  })

  it('refuses letters rather than dropping them', () => {
    assert.match(
      refusal(checkDestinationPhoneNumber('+1206555010O')),
      /only digits/
    )
  })

  it('refuses numbers that are not valid for their country', () => {
    assert.match(
      refusal(checkDestinationPhoneNumber('+1206555010')),
      /not a valid/
    )
    assert.match(
      refusal(checkDestinationPhoneNumber('+15555550100')),
      /not a valid/
    )
    assert.match(
      refusal(checkDestinationPhoneNumber('+0123456789')),
      /not a valid/
    )
  })
})

describe('maskPhoneNumber and formatPhoneNumber', () => {
  it('keeps only the country code and the last two digits', () => {
    assert.equal(maskPhoneNumber('+12065550123'), '+1********23')
    assert.equal(maskPhoneNumber('+447911123456'), '+44********56')
    assert.equal(maskPhoneNumber(null), '')
  })

  it('formats for people', () => {
    assert.equal(formatPhoneNumber('+12065550123'), '+1 206 555 0123')
  })
})

describe('checkMessageBody', () => {
  it('treats an absent or empty body as no body', () => {
    assert.equal(value(checkMessageBody(undefined)), undefined)
    assert.equal(value(checkMessageBody('')), undefined)
  })

  it('accepts 1 and exactly 1600 characters', () => {
    assert.equal(value(checkMessageBody('a')), 'a')
    const longest = 'x'.repeat(MESSAGE_BODY_MAX_LENGTH)
    assert.equal(value(checkMessageBody(longest)), longest)
  })

  it('refuses 1601 characters', () => {
    assert.match(
      refusal(checkMessageBody('x'.repeat(1601))),
      /1601 characters; the limit is 1600/
    )
  })

  it('counts an emoji as one, as AWS does: 1600 pass, 1601 do not', () => {
    const emoji = '😀'.repeat(MESSAGE_BODY_MAX_LENGTH)
    assert.equal(emoji.length, 3200, 'each emoji is two UTF-16 units')
    assert.equal(messageBodyLength(emoji), 1600)
    assert.equal(value(checkMessageBody(emoji)), emoji)
    assert.match(
      refusal(checkMessageBody(emoji + '😀')),
      /^The message is 1601 characters; the limit is 1600\.$/
    )
  })

  it('counts a surrogate pair whole at the boundary', () => {
    const lastIsEmoji = 'x'.repeat(1599) + '📦'
    assert.equal(lastIsEmoji.length, 1601)
    assert.equal(value(checkMessageBody(lastIsEmoji)), lastIsEmoji)
    assert.match(
      refusal(checkMessageBody('x'.repeat(1600) + '📦')),
      /1601 characters/
    )
    // A lone surrogate is one code point to AWS as well.
    assert.equal(messageBodyLength('x\uD83D'), 2)
  })

  it('counts a combining mark as a code point of its own', () => {
    const accented = 'e\u0301'
    assert.equal(messageBodyLength(accented), 2)
    const longest = accented.repeat(800)
    assert.equal(value(checkMessageBody(longest)), longest)
    assert.match(refusal(checkMessageBody(longest + 'e')), /1601 characters/)
    // A family emoji is three people joined by two zero-width joiners.
    assert.equal(messageBodyLength('👨\u200D👩\u200D👧'), 5)
  })

  it('refuses a body of only whitespace', () => {
    assert.match(refusal(checkMessageBody(' \n\t ')), /only whitespace/)
    assert.match(refusal(checkMessageBody('\u3000\u00A0 ')), /only whitespace/)
    assert.equal(value(checkMessageBody(' 😀 ')), ' 😀 ')
  })
})

describe('checkMediaUri', () => {
  it('parses bucket and key', () => {
    assert.deepEqual(
      value(checkMediaUri('s3://mms-media/a/b.png', 'mms-media')),
      {
        bucket: 'mms-media',
        key: 'a/b.png',
      }
    )
  })

  it('refuses other schemes, missing keys and bad buckets', () => {
    assert.match(
      refusal(checkMediaUri('https://example.com/a.png')),
      /not an S3 URI/
    )
    assert.match(refusal(checkMediaUri('s3://mms-media')), /not an S3 URI/)
    assert.match(refusal(checkMediaUri('s3://mms-media/')), /not an S3 URI/)
    assert.match(
      refusal(checkMediaUri('s3://Bad_Bucket/a.png')),
      /not a valid S3 bucket/
    )
    assert.match(
      refusal(checkMediaUri('s3://ab/a.png')),
      /not a valid S3 bucket/
    )
  })

  it('refuses a bucket other than the configured one', () => {
    assert.match(
      refusal(checkMediaUri('s3://other-bucket/a.png', 'mms-media')),
      /must be in the bucket mms-media/
    )
  })

  it('accepts 2048 characters and refuses 2049', () => {
    const prefix = 's3://mms-media/'
    const at = (n: number) => prefix + 'k'.repeat(n - prefix.length)
    assert.equal(checkMediaUri(at(2048)).ok, true)
    assert.match(refusal(checkMediaUri(at(2049))), /1 to 2048/)
  })
})

describe('checkMediaFile', () => {
  it('accepts an image of exactly 2 MB and refuses one byte more', () => {
    assert.equal(value(checkMediaFile('image/png', 2 * MB)).kind, 'image')
    assert.match(
      refusal(checkMediaFile('image/png', 2 * MB + 1)),
      /2097153 bytes; .* at most 2097152 bytes \(2 MB\)/
    )
  })

  it('accepts other types up to 600 KB and refuses one byte more', () => {
    assert.equal(value(checkMediaFile('video/mp4', 600 * KB)).kind, 'video')
    assert.match(
      refusal(checkMediaFile('video/mp4', 600 * KB + 1)),
      /614401 bytes; .* at most 614400 bytes \(600 KB\)/
    )
  })

  it('normalises the content type', () => {
    assert.equal(
      value(checkMediaFile('Image/JPEG; charset=binary', 10)).contentType,
      'image/jpeg'
    )
  })

  it('refuses unsupported, missing types and empty files', () => {
    assert.match(
      refusal(checkMediaFile('image/webp', 10)),
      /image\/webp files cannot be sent/
    )
    assert.match(refusal(checkMediaFile(undefined, 10)), /no content type/)
    assert.match(refusal(checkMediaFile('image/png', 0)), /empty/)
  })
})

describe('optional send fields', () => {
  it('time to live: 5 and 259200 accepted, 4, 259201 and fractions refused', () => {
    assert.equal(value(checkTimeToLive(5)), 5)
    assert.equal(value(checkTimeToLive(259200)), 259200)
    assert.equal(value(checkTimeToLive(undefined)), undefined)
    for (const bad of [4, 259201, 10.5]) {
      assert.match(refusal(checkTimeToLive(bad)), /from 5 to 259200/)
    }
  })

  it('max price follows the API pattern', () => {
    for (const good of ['0.05', '.5', '99.12345']) {
      assert.equal(value(checkMaxPrice(good)), good)
    }
    for (const bad of ['1', '100.0', '0.123456', '-0.1', '1,5']) {
      assert.match(refusal(checkMaxPrice(bad)), /US dollars/)
    }
  })

  it('configuration set name: 256 characters accepted, 257 and spaces refused', () => {
    assert.equal(checkConfigurationSetName('a'.repeat(256)).ok, true)
    assert.equal(
      checkConfigurationSetName(
        'arn:aws:sms-voice:us-east-1:1:configuration-set/x'
      ).ok,
      true
    )
    assert.match(
      refusal(checkConfigurationSetName('a'.repeat(257))),
      /1 to 256/
    )
    assert.match(refusal(checkConfigurationSetName('my set')), /1 to 256/)
    assert.match(refusal(checkConfigurationSetName('')), /1 to 256/)
  })

  it('protect configuration id: an id or ARN of up to 256 characters, nothing else', () => {
    assert.equal(value(checkProtectConfigurationId(undefined)), undefined)
    assert.equal(value(checkProtectConfigurationId(null)), undefined)
    for (const good of [
      'protect-0123456789abcdef0123456789abcdef',
      'arn:aws:sms-voice:us-east-1:111122223333:protect-configuration/protect-1',
      'p'.repeat(256),
    ]) {
      assert.equal(value(checkProtectConfigurationId(good)), good)
    }
    for (const bad of ['', 'p'.repeat(257), 'protect 1', 'protect+1', 'é']) {
      assert.match(
        refusal(checkProtectConfigurationId(bad)),
        /protect configuration is named by its id or ARN: 1 to 256/
      )
    }
  })

  it('context: four caller pairs at their length limits accepted', () => {
    const context = {
      a: 'v',
      ['k'.repeat(100)]: 'x'.repeat(800),
      c: 'with inner space',
      d: 'ok',
    }
    assert.deepEqual(value(checkContext(context)), context)
  })

  it('context: five pairs, the reserved key and bad keys or values refused', () => {
    assert.match(
      refusal(checkContext({ a: '1', b: '2', c: '3', d: '4', e: '5' })),
      /at most 4 pairs/
    )
    assert.match(
      refusal(checkContext({ [CONTEXT_MESSAGE_ID_KEY]: 'x' })),
      /reserved/
    )
    assert.match(refusal(checkContext({ ['k'.repeat(101)]: 'v' })), /1 to 100/)
    assert.match(refusal(checkContext({ 'a b': 'v' })), /no whitespace/)
    assert.match(refusal(checkContext({ a: 'x'.repeat(801) })), /1 to 800/)
    assert.match(refusal(checkContext({ a: ' padded' })), /leading or trailing/)
    assert.match(refusal(checkContext({ a: '' })), /1 to 800/)
    assert.match(refusal(checkContext({ a: 1 })), /must be a string/)
    assert.match(refusal(checkContext(['a'])), /object of string pairs/)
  })

  it('idempotency key: 255 visible characters accepted, 256 or spaces refused', () => {
    assert.equal(checkIdempotencyKey('k'.repeat(255)).ok, true)
    assert.match(refusal(checkIdempotencyKey('k'.repeat(256))), /1 to 255/)
    assert.match(refusal(checkIdempotencyKey('has space')), /no spaces/)
    assert.match(refusal(checkIdempotencyKey('')), /1 to 255/)
  })
})

describe('checkApiKeyName', () => {
  it('trims and accepts 1 to 100 characters', () => {
    assert.equal(value(checkApiKeyName('x')), 'x')
    assert.equal(
      value(checkApiKeyName(`  ${'a'.repeat(API_KEY_NAME_MAX_LENGTH)}  `)),
      'a'.repeat(100)
    )
  })

  it('refuses an empty, blank or 101-character name', () => {
    for (const bad of ['', ' \t\n ', 'a'.repeat(101), undefined]) {
      assert.match(refusal(checkApiKeyName(bad)), /name of 1 to 100 characters/)
    }
  })
})
