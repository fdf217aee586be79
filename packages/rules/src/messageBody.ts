import type { RuleResult } from './ruleResult'

export const MESSAGE_BODY_MAX_LENGTH = 1600

/**
 * Length as AWS counts it (UTF-16 code units), so a body we accept is never
 * one AWS refuses: an emoji counts as two.
 */
export const messageBodyLength = (body: string): number => body.length

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
