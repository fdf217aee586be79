import type { RuleResult } from '@mms/rules'

/**
 * Turns a shared rule's result into what a form field's `validate` expects:
 * `true` when the value passes, otherwise the rule's own message, so the web
 * shows exactly what the api would say.
 */
export const ruleMessage = (result: RuleResult<unknown>): true | string =>
  'message' in result ? result.message : true
