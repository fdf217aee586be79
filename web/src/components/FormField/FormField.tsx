import type { ReactNode } from 'react'

import { FieldError, Label, get, useFormState } from '@redwoodjs/forms'

export const hintId = (name: string) => `${name}-hint`
export const errorId = (name: string) => `${name}-error`

/**
 * The accessibility attributes of a field's input: invalid while it has an
 * error, and described by its hint, its error and any `extraIds` (such as a
 * character count).
 */
export const useFieldA11y = (
  name: string,
  { hint = false, extraIds = [] }: { hint?: boolean; extraIds?: string[] } = {}
) => {
  const { errors } = useFormState({ name })
  const invalid = Boolean(get(errors, name))
  const ids = [
    hint && hintId(name),
    ...extraIds,
    invalid && errorId(name),
  ].filter(Boolean)
  return {
    'aria-invalid': invalid,
    'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
  }
}

interface FormFieldProps {
  name: string
  label: ReactNode
  hint?: ReactNode
  children: ReactNode
}

/** A label, an optional hint, the input given as children, and the field's error. */
const FormField = ({ name, label, hint, children }: FormFieldProps) => (
  <div className="form-field">
    <Label name={name} className="form-field__label">
      {label}
    </Label>
    {hint && (
      <div id={hintId(name)} className="form-field__hint">
        {hint}
      </div>
    )}
    {children}
    <FieldError name={name} id={errorId(name)} className="form-field__error" />
  </div>
)

export default FormField
