import { useState } from 'react'

import { Form, Submit } from '@redwoodjs/forms'
import { Link, routes } from '@redwoodjs/router'
import { Metadata } from '@redwoodjs/web'

import { useAuth } from 'src/auth'
import { AuthError, EmailAddressField } from 'src/components/AuthFields'
import { authRequest } from 'src/lib/authRequest'
import { useSignedOutPage } from 'src/lib/useSignedOutPage'

const ForgotPasswordPage = () => {
  const { forgotPassword } = useAuth()
  const [error, setError] = useState<string>()
  const [answer, setAnswer] = useState<{ email: string; message: string }>()
  const emailRef = useSignedOutPage()

  const onSubmit = async ({ email }: { email: string }) => {
    setError(undefined)
    const response = await authRequest(() => forgotPassword(email))
    if (response?.error) {
      setError(response.error)
    } else {
      // The api answers alike whether or not the address has an account.
      setAnswer({
        email,
        message:
          response?.message ??
          'Check your email for a link to choose a new password.',
      })
    }
  }

  return (
    <>
      <Metadata title="Forgot password" />
      <div className="card">
        <h1>Reset your password</h1>
        {answer ? (
          <div role="status" className="notice notice--success">
            <p>{answer.message}</p>
            <p>
              Nothing from us at <strong>{answer.email}</strong>? Check your
              spam folder and the spelling of the address, then{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => setAnswer(undefined)}
              >
                ask again
              </button>
              .
            </p>
          </div>
        ) : (
          <>
            <p>
              Enter the email address of your account and we will send you a
              link.
            </p>
            <AuthError message={error} />
            <Form onSubmit={onSubmit} className="form" noValidate>
              <EmailAddressField ref={emailRef} />
              <Submit className="button">Send the link</Submit>
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

export default ForgotPasswordPage
