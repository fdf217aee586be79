import React from 'react'

import { EmailLayout, LinkButton, styles } from '../EmailLayout/EmailLayout'

export interface PasswordResetProps {
  /** The account's email address. */
  email: string
  resetUrl: string
  /** e.g. "Tue, 3 March 2026 at 14:05 UTC" */
  expires: string
  /** e.g. "1 hour" */
  validFor: string
}

export function PasswordResetEmail({
  email,
  resetUrl,
  expires,
  validFor,
}: PasswordResetProps) {
  return (
    <EmailLayout title="Reset your MMS password">
      <p style={styles.text}>
        Someone, hopefully you, asked to reset the password of the MMS account{' '}
        {email}.
      </p>
      <LinkButton href={resetUrl}>Choose a new password</LinkButton>
      <p style={styles.text}>
        The link works until {expires} ({validFor} from when this email was
        sent).
      </p>
      <p style={styles.small}>
        If the button does not work, copy this address into your browser:
        <br />
        <a href={resetUrl} style={styles.link}>
          {resetUrl}
        </a>
      </p>
      <p style={styles.small}>
        If you did not ask for this, ignore this email: your password stays as
        it is.
      </p>
    </EmailLayout>
  )
}
