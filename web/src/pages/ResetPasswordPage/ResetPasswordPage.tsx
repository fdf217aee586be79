import { useEffect, useState } from 'react'

import { Form, Submit } from '@redwoodjs/forms'
import { Link, navigate, routes } from '@redwoodjs/router'
import { Metadata } from '@redwoodjs/web'

import { useAuth } from 'src/auth'
import { AuthError, PasswordField } from 'src/components/AuthFields'
import { authRequest } from 'src/lib/authRequest'
import { useSignedOutPage } from 'src/lib/useSignedOutPage'

type TokenState = 'checking' | 'valid' | 'invalid'

/** Reached from the emailed link: `/reset-password?resetToken=…`. */
const ResetPasswordPage = ({ resetToken }: { resetToken?: string }) => {
  const { reauthenticate, validateResetToken, resetPassword } = useAuth()
  const [tokenState, setTokenState] = useState<TokenState>('checking')
  const [error, setError] = useState<string>()
  // The field appears once the token is checked; it is focused then.
  const passwordRef = useSignedOutPage()

  useEffect(() => {
    let current = true
    const check = async () => {
      const response = resetToken
        ? await validateResetToken(resetToken)
        : { error: true }
      if (current) {
        setTokenState(response?.error ? 'invalid' : 'valid')
      }
    }
    check()
    return () => {
      current = false
    }
  }, [resetToken, validateResetToken])

  useEffect(() => {
    if (tokenState === 'valid') {
      passwordRef.current?.focus()
    }
  }, [tokenState, passwordRef])

  const onSubmit = async ({ password }: { password: string }) => {
    setError(undefined)
    const response = await authRequest(() =>
      resetPassword({ resetToken, password })
    )
    if (response?.error) {
      setError(response.error)
    } else {
      // The api signed this browser in with the new password.
      await reauthenticate()
      navigate(routes.send())
    }
  }

  return (
    <>
      <Metadata title="Choose a new password" />
      <div className="card">
        <h1>Choose a new password</h1>
        {tokenState === 'checking' && (
          <p role="status" className="muted">
            Checking your link…
          </p>
        )}
        {tokenState === 'invalid' && (
          <div role="alert" className="notice notice--error">
            <p>This link is not valid or has expired.</p>
            <p>
              <Link to={routes.forgotPassword()}>Ask for a new link</Link>
            </p>
          </div>
        )}
        {tokenState === 'valid' && (
          <>
            <AuthError message={error} />
            <Form onSubmit={onSubmit} className="form" noValidate>
              <PasswordField
                ref={passwordRef}
                label="New password"
                autoComplete="new-password"
              />
              <Submit className="button">Save the new password</Submit>
            </Form>
          </>
        )}
      </div>
      <p className="auth-links">
        <Link to={routes.login()}>Back to log in</Link>
      </p>
    </>
  )
}

export default ResetPasswordPage
