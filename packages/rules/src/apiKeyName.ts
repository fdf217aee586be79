import type { RuleResult } from './ruleResult'

export const API_KEY_NAME_MAX_LENGTH = 100

/** A key's name says which service uses it; it is trimmed before it is kept. */
export const checkApiKeyName = (
  name: string | null | undefined
): RuleResult<string> => {
  const trimmed = (name ?? '').trim()
  if (trimmed.length === 0 || trimmed.length > API_KEY_NAME_MAX_LENGTH) {
    return {
      ok: false,
      message: `Give the key a name of 1 to ${API_KEY_NAME_MAX_LENGTH} characters, e.g. the service that will use it.`,
    }
  }
  return { ok: true, value: trimmed }
}
