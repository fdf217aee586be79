import { useEffect, useRef } from 'react'

import type {
  ChangePasswordForm_ChangePassword,
  ChangePasswordForm_ChangePasswordVariables,
} from 'types/graphql'

import { Form, PasswordField, Submit, useForm } from '@redwoodjs/forms'
import { useMutation, type TypedDocumentNode } from '@redwoodjs/web'

import FormField, { useFieldA11y } from 'src/components/FormField'
import { errorSummary, fieldMessages } from 'src/lib/graphQLErrors'

export const CHANGE_PASSWORD: TypedDocumentNode<
  ChangePasswordForm_ChangePassword,
  ChangePasswordForm_ChangePasswordVariables
> = gql`
  mutation ChangePasswordForm_ChangePassword(
    $currentPassword: String!
    $newPassword: String!
  ) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`

type ChangePasswordValues = ChangePasswordForm_ChangePasswordVariables

const Password = ({
  name,
  label,
  autoComplete,
  required,
}: {
  name: keyof ChangePasswordValues
  label: string
  autoComplete: 'current-password' | 'new-password'
  required: string
}) => {
  const a11y = useFieldA11y(name)
  return (
    <FormField name={name} label={label}>
      <PasswordField
        name={name}
        className="input"
        errorClassName="input input--error"
        autoComplete={autoComplete}
        {...a11y}
        validation={{ required: { value: true, message: required } }}
      />
    </FormField>
  )
}

/**
 * Changes the signed-in person's password. The api checks the current one,
 * applies the password rule (its messages appear beside the fields) and
 * ends every other session of the account.
 */
const ChangePasswordForm = () => {
  const formMethods = useForm<ChangePasswordValues>({
    defaultValues: { currentPassword: '', newPassword: '' },
  })
  const doneRef = useRef<HTMLDivElement>(null)
  const [changePassword, { data, loading, error, reset }] = useMutation(
    CHANGE_PASSWORD,
    {
      onCompleted: () => formMethods.reset(),
      // Shown by the form, beside a field or above them.
      onError: () => undefined,
    }
  )
  const changed = data?.changePassword === true
  const generalError = error && Object.keys(fieldMessages(error)).length === 0

  useEffect(() => {
    if (changed) {
      doneRef.current?.focus()
    }
  }, [changed])

  return (
    <Form
      formMethods={formMethods}
      error={error}
      onSubmit={(values: ChangePasswordValues) => {
        reset()
        changePassword({ variables: values })
      }}
      className="form card"
      aria-labelledby="change-password-heading"
      noValidate
    >
      <h2 id="change-password-heading">Change your password</h2>
      {changed && (
        <div
          ref={doneRef}
          tabIndex={-1}
          role="status"
          className="notice notice--success"
        >
          <p className="notice__title">Your password was changed.</p>
          <p>
            Every other session of your account was signed out, in other
            browsers and on other devices. This one stays signed in. API keys
            keep working.
          </p>
        </div>
      )}
      {generalError && (
        <div role="alert" className="notice notice--error">
          <p className="notice__title">The password was not changed.</p>
          <p>{errorSummary(error)}</p>
        </div>
      )}
      <Password
        name="currentPassword"
        label="Current password"
        autoComplete="current-password"
        required="Enter your current password."
      />
      <Password
        name="newPassword"
        label="New password"
        autoComplete="new-password"
        required="Enter a new password."
      />
      <div className="form-actions">
        <Submit className="button" disabled={loading}>
          {loading ? 'Changing…' : 'Change password'}
        </Submit>
      </div>
    </Form>
  )
}

export default ChangePasswordForm
