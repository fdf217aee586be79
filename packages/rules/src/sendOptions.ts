import type { RuleResult } from './ruleResult'

// Limits of SendMediaMessage's optional members (API reference).
export const TIME_TO_LIVE_MIN_SECONDS = 5
export const TIME_TO_LIVE_MAX_SECONDS = 259_200
export const MAX_PRICE_PATTERN = /^[0-9]{0,2}\.[0-9]{1,5}$/
export const RESOURCE_NAME_PATTERN = /^[A-Za-z0-9_:/-]{1,256}$/
export const ORIGINATION_IDENTITY_PATTERN = /^[A-Za-z0-9_:/+-]{1,256}$/

export const CONTEXT_MAX_PAIRS = 5
export const CONTEXT_KEY_MAX_LENGTH = 100
export const CONTEXT_VALUE_MAX_LENGTH = 800
/**
 * Every message carries its own record id in Context under this key, so
 * delivery events can be matched back to it. It uses up one of the five pairs.
 */
export const CONTEXT_MESSAGE_ID_KEY = 'mmsMessageId'
export const CONTEXT_MAX_CALLER_PAIRS = CONTEXT_MAX_PAIRS - 1

export const IDEMPOTENCY_KEY_MAX_LENGTH = 255
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]+$/

export const checkTimeToLive = (
  seconds: number | null | undefined
): RuleResult<number | undefined> => {
  if (seconds === null || seconds === undefined) {
    return { ok: true, value: undefined }
  }
  if (
    !Number.isInteger(seconds) ||
    seconds < TIME_TO_LIVE_MIN_SECONDS ||
    seconds > TIME_TO_LIVE_MAX_SECONDS
  ) {
    return {
      ok: false,
      message: `Time to live must be a whole number of seconds from ${TIME_TO_LIVE_MIN_SECONDS} to ${TIME_TO_LIVE_MAX_SECONDS} (72 hours).`,
    }
  }
  return { ok: true, value: seconds }
}

export const checkMaxPrice = (
  price: string | null | undefined
): RuleResult<string | undefined> => {
  if (price === null || price === undefined) {
    return { ok: true, value: undefined }
  }
  if (!MAX_PRICE_PATTERN.test(price)) {
    return {
      ok: false,
      message:
        'Max price is in US dollars per message, written like 0.05 or 1.25 (up to two digits before the point and five after).',
    }
  }
  return { ok: true, value: price }
}

export const checkConfigurationSetName = (
  name: string | null | undefined
): RuleResult<string | undefined> => {
  if (name === null || name === undefined) {
    return { ok: true, value: undefined }
  }
  if (!RESOURCE_NAME_PATTERN.test(name)) {
    return {
      ok: false,
      message:
        'A configuration set is named by its name or ARN: 1 to 256 letters, digits, _ : / or -.',
    }
  }
  return { ok: true, value: name }
}

export const checkProtectConfigurationId = (
  id: string | null | undefined
): RuleResult<string | undefined> => {
  if (id === null || id === undefined) {
    return { ok: true, value: undefined }
  }
  if (!RESOURCE_NAME_PATTERN.test(id)) {
    return {
      ok: false,
      message:
        'A protect configuration is named by its id or ARN: 1 to 256 letters, digits, _ : / or -.',
    }
  }
  return { ok: true, value: id }
}

export const checkContext = (
  context: unknown
): RuleResult<Record<string, string> | undefined> => {
  if (context === null || context === undefined) {
    return { ok: true, value: undefined }
  }
  if (typeof context !== 'object' || Array.isArray(context)) {
    return { ok: false, message: 'Context must be an object of string pairs.' }
  }
  const entries = Object.entries(context as Record<string, unknown>)
  if (entries.length > CONTEXT_MAX_CALLER_PAIRS) {
    return {
      ok: false,
      message: `Context may hold at most ${CONTEXT_MAX_CALLER_PAIRS} pairs (one of AWS's ${CONTEXT_MAX_PAIRS} carries the message id).`,
    }
  }
  for (const [key, value] of entries) {
    if (key === CONTEXT_MESSAGE_ID_KEY) {
      return {
        ok: false,
        message: `The context key ${CONTEXT_MESSAGE_ID_KEY} is reserved for the message id.`,
      }
    }
    if (
      key.length < 1 ||
      key.length > CONTEXT_KEY_MAX_LENGTH ||
      /\s/.test(key)
    ) {
      return {
        ok: false,
        message: `Context key "${key}" must be 1 to ${CONTEXT_KEY_MAX_LENGTH} characters with no whitespace.`,
      }
    }
    if (typeof value !== 'string') {
      return {
        ok: false,
        message: `Context value for "${key}" must be a string.`,
      }
    }
    if (
      value.length < 1 ||
      value.length > CONTEXT_VALUE_MAX_LENGTH ||
      value.trim() !== value
    ) {
      return {
        ok: false,
        message: `Context value for "${key}" must be 1 to ${CONTEXT_VALUE_MAX_LENGTH} characters with no leading or trailing whitespace.`,
      }
    }
  }
  return {
    ok: true,
    value: Object.fromEntries(entries) as Record<string, string>,
  }
}

export const checkIdempotencyKey = (
  key: string | null | undefined
): RuleResult<string | undefined> => {
  if (key === null || key === undefined) {
    return { ok: true, value: undefined }
  }
  if (
    key.length < 1 ||
    key.length > IDEMPOTENCY_KEY_MAX_LENGTH ||
    !IDEMPOTENCY_KEY_PATTERN.test(key)
  ) {
    return {
      ok: false,
      message: `An idempotency key is 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters with no spaces (a UUID works well).`,
    }
  }
  return { ok: true, value: key }
}
