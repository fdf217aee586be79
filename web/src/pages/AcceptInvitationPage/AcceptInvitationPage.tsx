import { useEffect, useRef, useState } from 'react'

import { Form, Submit } from '@redwoodjs/forms'
import { Link, navigate, routes } from '@redwoodjs/router'
import { Metadata } from '@redwoodjs/web'

import { useAuth } from 'src/auth'
import { AuthError, PasswordField } from 'src/components/AuthFields'
import DateTime from 'src/components/DateTime'
import { authRequest } from 'src/lib/authRequest'
import { checkInvitation, type InvitationCheck } from 'src/lib/invitationCheck'
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from 'src/lib/roles'

const NO_TOKEN: InvitationCheck = {
  error:
    'This page needs the whole link from your invitation email. Open the link from the email again.',
  retry: false,
}

/** Reached from the emailed link: `/accept-invitation?invitationToken=…`. */
const AcceptInvitationPage = ({
  invitationToken,
}: {
  invitationToken?: string
}) => {
  const { isAuthenticated, currentUser, logOut, signUp } = useAuth()
  const [check, setCheck] = useState<InvitationCheck>()
  const [attempt, setAttempt] = useState(0)
  const [error, setError] = useState<string>()
  // Signing up signs this browser in before `signUp` returns.
  const [accepting, setAccepting] = useState(false)
  const passwordRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (isAuthenticated) {
      return undefined
    }
    let current = true
    setCheck(undefined)
    const run = async () => {
      const result = invitationToken
        ? await checkInvitation(invitationToken)
        : NO_TOKEN
      if (current) {
        setCheck(result)
      }
    }
    run()
    return () => {
      current = false
    }
  }, [invitationToken, attempt, isAuthenticated])

  const invitation = check && 'invitation' in check ? check.invitation : null

  useEffect(() => {
    if (invitation) {
      passwordRef.current?.focus()
    }
  }, [invitation])

  const onSubmit = async ({ password }: { password: string }) => {
    if (!invitation || !invitationToken) {
      return
    }
    setError(undefined)
    setAccepting(true)
    const response = await authRequest(() =>
      signUp({
        username: invitation.email,
        password,
        invitationToken,
      })
    )
    if (response?.error) {
      setAccepting(false)
      setError(response.error)
    } else {
      navigate(routes.send())
    }
  }

  // Someone already signed in in this browser would create the account
  // and then be signed in as it: they log out first, knowingly.
  if (isAuthenticated && !accepting) {
    return (
      <>
        <Metadata title="Accept an invitation" />
        <div className="card">
          <h1>Accept an invitation</h1>
          <div role="status" className="notice">
            <p>
              You are signed in as <strong>{currentUser?.email}</strong>. To
              create the invited account, log out first, then open the link
              again.
            </p>
          </div>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => logOut()}>
              Log out
            </button>
            <Link to={routes.send()} className="button button--secondary">
              Stay signed in
            </Link>
          </div>
        </div>
      </>
    )
  }

  return (
    <>
      <Metadata title="Accept an invitation" />
      <div className="card">
        <h1>Accept your invitation</h1>
        {!check && (
          <p role="status" className="muted">
            Checking your invitation…
          </p>
        )}
        {check && 'error' in check && (
          <div role="alert" className="notice notice--error">
            <p className="notice__title">This invitation cannot be used.</p>
            <p>{check.error}</p>
            {check.retry ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setAttempt((count) => count + 1)}
              >
                Try again
              </button>
            ) : (
              <p>
                Ask the admin who invited you to send a new invitation. If you
                already made your account,{' '}
                <Link to={routes.login()}>log in</Link>.
              </p>
            )}
          </div>
        )}
        {invitation && (
          <>
            <p>
              You are invited to MMS Sender. Choose a password to create your
              account; the invitation works until{' '}
              <DateTime iso={invitation.expiresAt} />.
            </p>
            <p>
              Your role: <strong>{ROLE_LABELS[invitation.role]}</strong>, who{' '}
              {ROLE_DESCRIPTIONS[invitation.role]}
            </p>
            <AuthError message={error} />
            <Form onSubmit={onSubmit} className="form" noValidate>
              <div className="form-field">
                <label htmlFor="invited-email" className="form-field__label">
                  Email address
                </label>
                <input
                  id="invited-email"
                  name="username"
                  className="input"
                  value={invitation.email}
                  readOnly
                  autoComplete="username"
                  aria-describedby="invited-email-hint"
                />
                <p id="invited-email-hint" className="form-field__hint">
                  The invitation is for this address; it becomes your log-in.
                </p>
              </div>
              <PasswordField
                ref={passwordRef}
                label="Choose a password"
                autoComplete="new-password"
              />
              <Submit className="button" disabled={accepting}>
                {accepting ? 'Creating your account…' : 'Create my account'}
              </Submit>
            </Form>
          </>
        )}
      </div>
      <p className="auth-links">
        Already have an account? <Link to={routes.login()}>Log in</Link>
      </p>
    </>
  )
}

export default AcceptInvitationPage
