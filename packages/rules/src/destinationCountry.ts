import {
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max'

import type { RuleResult } from './ruleResult'

/** An ISO 3166-1 alpha-2 code that has phone numbers, e.g. US, CA, GB. */
export const isPhoneCountryCode = (code: string): boolean =>
  /^[A-Z]{2}$/.test(code) && isSupportedCountry(code)

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' })

/** `United Kingdom (GB)`: the name people know, with the code configuration uses. */
export const describeCountry = (code: string): string => {
  const name = regionNames.of(code)
  return name && name !== code ? `${name} (${code})` : code
}

const listOf = (codes: readonly string[]) =>
  codes.map(describeCountry).join(', ')

/**
 * The country an E.164 number belongs to, from its full number rather than
 * its calling code alone: +1 is shared by the United States, Canada and the
 * Caribbean, which libphonenumber's full metadata tells apart by area code.
 */
export const destinationCountryOf = (e164: string): string | undefined =>
  parsePhoneNumberFromString(e164)?.country

/**
 * Checks that a number (already in E.164) is in one of the allowed countries,
 * and returns its country code.
 */
export const checkDestinationCountry = (
  e164: string,
  allowedCountries: readonly string[]
): RuleResult<string> => {
  const country = destinationCountryOf(e164)
  if (!country) {
    return {
      ok: false,
      message: `This number belongs to no single country, and messages can be sent only to ${listOf(allowedCountries)}.`,
    }
  }
  if (!allowedCountries.includes(country)) {
    return {
      ok: false,
      message: `This number is in ${describeCountry(country)}; messages can be sent only to ${listOf(allowedCountries)}.`,
    }
  }
  return { ok: true, value: country }
}
