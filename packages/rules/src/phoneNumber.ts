import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

import type { RuleResult } from './ruleResult'

/** The API reference's pattern for DestinationPhoneNumber, after normalising to E.164. */
export const E164_PATTERN = /^\+[1-9][0-9]{1,18}$/

export const PHONE_NUMBER_EXAMPLE = '+12065550123'

// Separators people type between digit groups; anything else is refused so a
// stray letter is reported instead of silently dropped.
const TYPED_NUMBER_PATTERN = /^\+[0-9 ().-]+$/

/**
 * Parses a destination number that must be unambiguous on its own: written in
 * international form (a leading +), and valid for its country per
 * libphonenumber's full metadata. Returns the number in E.164.
 */
export const checkDestinationPhoneNumber = (
  input: string | null | undefined
): RuleResult<string> => {
  const typed = (input ?? '').trim()
  if (typed === '') {
    return { ok: false, message: 'Enter the destination phone number.' }
  }
  if (!typed.startsWith('+')) {
    return {
      ok: false,
      message: `Write the number in international format, starting with + and the country code (e.g. ${PHONE_NUMBER_EXAMPLE}).`,
    }
  }
  if (!TYPED_NUMBER_PATTERN.test(typed)) {
    return {
      ok: false,
      message:
        'A phone number may contain only digits after the +, with optional spaces, dashes, dots or parentheses.',
    }
  }
  const parsed = parsePhoneNumberFromString(typed)
  if (!parsed || !parsed.isValid()) {
    return {
      ok: false,
      message: 'This is not a valid phone number for its country code.',
    }
  }
  const e164 = parsed.number
  if (!E164_PATTERN.test(e164)) {
    return { ok: false, message: 'This number cannot be written in E.164.' }
  }
  return { ok: true, value: e164 }
}

/** Formats an E.164 number for people: `+1 206 555 0123`. */
export const formatPhoneNumber = (e164: string): string =>
  parsePhoneNumberFromString(e164)?.formatInternational() ?? e164

/**
 * Hides all but the country code and the last two digits, for logs and lists
 * read by many people: `+1*******23`.
 */
export const maskPhoneNumber = (e164: string | null | undefined): string => {
  if (!e164) {
    return ''
  }
  const parsed = parsePhoneNumberFromString(e164)
  const countryCode = parsed
    ? `+${parsed.countryCallingCode}`
    : e164.slice(0, 2)
  const rest = e164.slice(countryCode.length)
  if (rest.length <= 2) {
    return countryCode + '*'.repeat(rest.length)
  }
  return countryCode + '*'.repeat(rest.length - 2) + rest.slice(-2)
}
