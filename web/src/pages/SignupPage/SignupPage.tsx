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
import { useSignedOutPage } from 'src/lib/useSignedOutPage'

interface SignupValues {
  email: string
  password: string
}

const SignupPage = () => {
  const { signUp } = useAuth()
  const [error, setError] = useState<string>()
  const [notice, setNotice] = useState<string>()
  const emailRef = useSignedOutPage()

  const onSubmit = async ({ email, password }: SignupValues) => {
    setError(undefined)
    setNotice(undefined)
    const response = await authRequest(() =>
      signUp({ username: email, password })
    )
    if (response?.error) {
      setError(response.error)
    } else if (response?.message) {
      setNotice(response.message)
    }
  }

  return (
    <>
      <Metadata title="Sign up" />
      <div className="card">
        <h1>Create an account</h1>
        <p className="muted">
          Invited by an admin? Open the link in your invitation email instead:
          it creates your account with the right access.
        </p>
        <AuthError message={error} />
        {notice && (
          <div role="status" className="notice">
            <p>{notice}</p>
          </div>
        )}
        <Form onSubmit={onSubmit} className="form" noValidate>
          <EmailAddressField ref={emailRef} />
          <PasswordField
            label="Choose a password"
            autoComplete="new-password"
          />
          <Submit className="button">Sign up</Submit>
        </Form>
      </div>
      <p className="auth-links">
        Already have an account? <Link to={routes.login()}>Log in</Link>
      </p>
    </>
  )
}

export default SignupPage
