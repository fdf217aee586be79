import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import {
  checkDestinationCountry,
  describeCountry,
  destinationCountryOf,
  isPhoneCountryCode,
} from './index'

const US_CA = ['US', 'CA']

describe('destinationCountryOf', () => {
  it('tells apart the countries that share +1 by area code', () => {
    assert.equal(destinationCountryOf('+12065550123'), 'US')
    assert.equal(destinationCountryOf('+14165550123'), 'CA')
    assert.equal(destinationCountryOf('+18765550123'), 'JM')
    assert.equal(destinationCountryOf('+17875550123'), 'PR')
  })

  it('has no country for a non-geographic number', () => {
    assert.equal(destinationCountryOf('+80012345678'), undefined)
  })
})

describe('checkDestinationCountry', () => {
  it('accepts a US and a Canadian number', () => {
    assert.deepEqual(checkDestinationCountry('+12065550123', US_CA), {
      ok: true,
      value: 'US',
    })
    assert.deepEqual(checkDestinationCountry('+16045550123', US_CA), {
      ok: true,
      value: 'CA',
    })
  })

  it('refuses a UK number, naming its country and the allowed ones', () => {
    assert.deepEqual(checkDestinationCountry('+447400123456', US_CA), {
      ok: false,
      message:
        'This number is in United Kingdom (GB); messages can be sent only to United States (US), Canada (CA).',
    })
  })

  it('refuses a +1 number outside the allowed countries', () => {
    const result = checkDestinationCountry('+18765550123', US_CA)
    assert.equal(result.ok, false)
    assert.match((result as { message: string }).message, /Jamaica \(JM\)/)
  })

  it('refuses a number of no single country', () => {
    assert.deepEqual(checkDestinationCountry('+80012345678', ['US']), {
      ok: false,
      message:
        'This number belongs to no single country, and messages can be sent only to United States (US).',
    })
  })
})

describe('country codes', () => {
  it('knows ISO codes that have phone numbers, in capitals', () => {
    assert.equal(isPhoneCountryCode('US'), true)
    assert.equal(isPhoneCountryCode('GB'), true)
    assert.equal(isPhoneCountryCode('UK'), false)
    assert.equal(isPhoneCountryCode('us'), false)
    assert.equal(isPhoneCountryCode('USA'), false)
  })

  it('describes a country by name and code', () => {
    assert.equal(describeCountry('CA'), 'Canada (CA)')
  })
})
