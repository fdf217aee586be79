import type { RuleResult } from './ruleResult'

export const MESSAGE_BODY_MAX_LENGTH = 1600

/**
 * Length as AWS counts it: the service model's length trait counts Unicode
 * code points, not UTF-16 units. An emoji, which JavaScript stores as a
 * surrogate pair, counts as one; a letter with a combining accent counts as
 * two; a lone surrogate counts as one, as Java's codePointCount does.
 */
export const messageBodyLength = (body: string): number =>
  Array.from(body).length

/** An empty body means "no body"; a body of only whitespace is refused. */
export const checkMessageBody = (
  body: string | null | undefined
): RuleResult<string | undefined> => {
  if (body === null || body === undefined || body === '') {
    return { ok: true, value: undefined }
  }
  if (body.trim() === '') {
    return { ok: false, message: 'The message cannot be only whitespace.' }
  }
  const length = messageBodyLength(body)
  if (length > MESSAGE_BODY_MAX_LENGTH) {
    return {
      ok: false,
      message: `The message is ${length} characters; the limit is ${MESSAGE_BODY_MAX_LENGTH}.`,
    }
  }
  return { ok: true, value: body }
}
