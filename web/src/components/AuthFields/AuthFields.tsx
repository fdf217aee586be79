import { forwardRef } from 'react'

import {
  EmailField,
  PasswordField as RedwoodPasswordField,
} from '@redwoodjs/forms'

import FormField, { useFieldA11y } from 'src/components/FormField'

/** The account's email address, which dbAuth uses as the username. */
export const EmailAddressField = forwardRef<HTMLInputElement>(
  function EmailAddressField(_props, ref) {
    const a11y = useFieldA11y('email')
    return (
      <FormField name="email" label="Email address">
        <EmailField
          name="email"
          ref={ref}
          className="input"
          errorClassName="input input--error"
          autoComplete="username"
          spellCheck={false}
          {...a11y}
          validation={{
            required: { value: true, message: 'Enter your email address.' },
          }}
        />
      </FormField>
    )
  }
)

interface PasswordFieldProps {
  label?: string
  /** `current-password` to sign in, `new-password` to choose one. */
  autoComplete: 'current-password' | 'new-password'
}

export const PasswordField = forwardRef<HTMLInputElement, PasswordFieldProps>(
  function PasswordField({ label = 'Password', autoComplete }, ref) {
    const a11y = useFieldA11y('password')
    return (
      <FormField name="password" label={label}>
        <RedwoodPasswordField
          name="password"
          ref={ref}
          className="input"
          errorClassName="input input--error"
          autoComplete={autoComplete}
          {...a11y}
          validation={{
            required: { value: true, message: 'Enter a password.' },
          }}
        />
      </FormField>
    )
  }
)

/** An error from dbAuth, which answers with a sentence rather than per field. */
export const AuthError = ({ message }: { message?: string }) =>
  message ? (
    <div role="alert" className="notice notice--error">
      <p>{message}</p>
    </div>
  ) : null
