import { maskPhoneNumber } from '@mms/rules'
import { stdSerializers } from 'pino'

import type { LoggerOptions } from '@redwoodjs/api/logger'

// Seven or more digits, optionally after a +, in groups separated the way
// people type numbers; not part of a longer word (an id such as
// "cm3message0001234" is left alone).
const PHONE_LIKE =
  /(?<![\p{L}\p{N}_])\+?\(?\d(?:[ ().-]{0,2}\d){6,}(?![\p{L}\p{N}_])/gu
const E164 = /^\+\d+$/
// Digit runs that are not phone numbers and that a reader needs whole.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/

/**
 * Masks every run of digits in `text` that could be a phone number, keeping
 * its last two digits: `got invalid value 12065550123` becomes
 * `got invalid value *********23`, and `+12065550123` becomes `+1********23`
 * as `maskPhoneNumber` writes it.
 */
export const maskPhoneNumbersInText = (text: string): string =>
  text.replace(PHONE_LIKE, (run) => {
    if (ISO_DATE.test(run) || IPV4.test(run)) {
      return run
    }
    if (E164.test(run)) {
      return maskPhoneNumber(run)
    }
    let hidden = run.replace(/\D/g, '').length - 2
    return run.replace(/\d/g, (digit) => (hidden-- > 0 ? '*' : digit))
  })

const isPlainObject = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/**
 * A copy of `value` with every string masked, through plain objects, arrays
 * and errors (which are serialized as pino serializes them, with their
 * stacks). Other objects are left as they are.
 */
export const maskPhoneNumbersIn = (
  value: unknown,
  seen = new WeakSet<object>()
): unknown => {
  if (typeof value === 'string') {
    return maskPhoneNumbersInText(value)
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) {
    return value
  }
  seen.add(value)
  if (value instanceof Error) {
    return maskPhoneNumbersIn({ ...stdSerializers.err(value) }, seen)
  }
  if (Array.isArray(value)) {
    return value.map((item) => maskPhoneNumbersIn(item, seen))
  }
  if (!isPlainObject(value)) {
    return value
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      maskPhoneNumbersIn(item, seen),
    ])
  )
}

/**
 * Pino options that mask phone numbers in a log line: the message (also when
 * pino takes it from an error), every string in the logged object, and an
 * error's message and stack. Redaction by path catches known fields; this
 * catches numbers that other code, such as GraphQL's "got invalid value …"
 * errors, writes into text. A child logger's bindings are not masked (pino
 * formats only the root's), so bind only values the code chose.
 */
export const phoneNumberMasking: Pick<
  LoggerOptions,
  'formatters' | 'serializers'
> = {
  formatters: {
    log: (object) => maskPhoneNumbersIn(object) as Record<string, unknown>,
  },
  serializers: {
    msg: (message: unknown) => maskPhoneNumbersIn(message),
    // `formatters.log` has already serialized and masked the error; pino's
    // own serializer would take the copy for an error and rename its type.
    err: (error: unknown) => maskPhoneNumbersIn(error),
  },
}
