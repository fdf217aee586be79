/** The outcome of checking one value: the normalised value, or why it was refused. */
export type RuleResult<T> =
  | { ok: true; value: T }
  | { ok: false; message: string }
