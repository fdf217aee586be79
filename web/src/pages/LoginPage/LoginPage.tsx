import { useState } from 'react'

import { Form, Submit } from '@redwoodjs/forms'
import { Link, routes } from '@redwoodjs/router'
import { Metadata } from '@redwoodjs/web'

import { useAuth } from 'src/auth'
import {
  AuthError,
  EmailAddressField,
  PasswordField,
} from 'src/components/AuthFields'
import { authRequest } from 'src/lib/authRequest'
import { safeRedirectPath } from 'src/lib/safeRedirect'
import { useSignedOutPage } from 'src/lib/useSignedOutPage'

interface LoginValues {
  email: string
  password: string
}

/** `redirectTo` is where the person was going when asked to log in. */
const LoginPage = ({ redirectTo }: { redirectTo?: string }) => {
  const { logIn } = useAuth()
  const [error, setError] = useState<string>()
  const emailRef = useSignedOutPage(safeRedirectPath(redirectTo, routes.send()))

  const onSubmit = async ({ email, password }: LoginValues) => {
    setError(undefined)
    const response = await authRequest(() =>
      logIn({ username: email, password })
    )
    if (response?.error) {
      setError(response.error)
    }
  }

  return (
    <>
      <Metadata title="Log in" />
      <div className="card">
        <h1>Log in</h1>
        <AuthError message={error} />
        <Form onSubmit={onSubmit} className="form" noValidate>
          <EmailAddressField ref={emailRef} />
          <PasswordField autoComplete="current-password" />
          <p>
            <Link to={routes.forgotPassword()}>Forgot your password?</Link>
          </p>
          <Submit className="button">Log in</Submit>
        </Form>
      </div>
      <p className="auth-links">
        No account yet? <Link to={routes.signup()}>Sign up</Link>
      </p>
    </>
  )
}

export default LoginPage
