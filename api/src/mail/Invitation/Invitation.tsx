import React from 'react'

import { EmailLayout, LinkButton, styles } from '../EmailLayout/EmailLayout'

export interface InvitationProps {
  inviteUrl: string
  /** Who sent the invitation, when known. */
  invitedBy: string | null
  /** e.g. "Tue, 3 March 2026 at 14:05 UTC" */
  expires: string
  /** e.g. "7 days" */
  validFor: string
}

export function InvitationEmail({
  inviteUrl,
  invitedBy,
  expires,
  validFor,
}: InvitationProps) {
  return (
    <EmailLayout title="You are invited to MMS">
      <p style={styles.text}>
        {invitedBy ? `${invitedBy} invited you` : 'You are invited'} to MMS, to
        send picture and media messages to phones.
      </p>
      <LinkButton href={inviteUrl}>Accept the invitation</LinkButton>
      <p style={styles.text}>
        The invitation works until {expires} ({validFor} from when this email
        was sent).
      </p>
      <p style={styles.small}>
        If the button does not work, copy this address into your browser:
        <br />
        <a href={inviteUrl} style={styles.link}>
          {inviteUrl}
        </a>
      </p>
      <p style={styles.small}>
        If you did not expect this invitation, ignore this email: no account is
        made unless you accept it.
      </p>
    </EmailLayout>
  )
}
