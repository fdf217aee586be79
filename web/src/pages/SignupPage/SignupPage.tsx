import { useEffect, useRef, useState } from 'react'

import { Form, Submit } from '@redwoodjs/forms'
import { Link, navigate, routes } from '@redwoodjs/router'
import { Metadata } from '@redwoodjs/web'

import { useAuth } from 'src/auth'
import {
  AuthError,
  EmailAddressField,
  PasswordField,
} from 'src/components/AuthFields'

interface SignupValues {
  email: string
  password: string
}

const SignupPage = () => {
  const { isAuthenticated, signUp } = useAuth()
  const [error, setError] = useState<string>()
  const [notice, setNotice] = useState<string>()
  const emailRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (isAuthenticated) {
      navigate(routes.send())
    }
  }, [isAuthenticated])

  useEffect(() => {
    emailRef.current?.focus()
  }, [])

  const onSubmit = async ({ email, password }: SignupValues) => {
    setError(undefined)
    setNotice(undefined)
    const response = await signUp({ username: email, password })
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
