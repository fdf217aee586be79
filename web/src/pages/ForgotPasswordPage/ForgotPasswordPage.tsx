import { useState } from 'react'

import { Form, Submit } from '@redwoodjs/forms'
import { Link, routes } from '@redwoodjs/router'
import { Metadata } from '@redwoodjs/web'

import { useAuth } from 'src/auth'
import { AuthError, EmailAddressField } from 'src/components/AuthFields'
import { useSignedOutPage } from 'src/lib/useSignedOutPage'

const ForgotPasswordPage = () => {
  const { forgotPassword } = useAuth()
  const [error, setError] = useState<string>()
  const [sentTo, setSentTo] = useState<string>()
  const emailRef = useSignedOutPage()

  const onSubmit = async ({ email }: { email: string }) => {
    setError(undefined)
    const response = await forgotPassword(email)
    if (response?.error) {
      setError(response.error)
    } else {
      setSentTo(email)
    }
  }

  return (
    <>
      <Metadata title="Forgot password" />
      <div className="card">
        <h1>Reset your password</h1>
        {sentTo ? (
          <div role="status" className="notice notice--success">
            <p>
              A link to choose a new password was made for{' '}
              <strong>{sentTo}</strong>. It works for one hour. This server does
              not send email: in development the link is printed where the app
              runs; otherwise ask your administrator for it.
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
