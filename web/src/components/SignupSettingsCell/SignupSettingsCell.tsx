import { useState } from 'react'

import type {
  SignupSettingsCell_Find,
  SignupSettingsCell_FindVariables,
} from 'types/graphql'

import type {
  CellFailureProps,
  CellLoadingProps,
  CellSuccessProps,
  TypedDocumentNode,
} from '@redwoodjs/web'

import CellFailure from 'src/components/CellFailure'
import InviteMemberForm from 'src/components/InviteMemberForm'
import OpenInvitationsCell from 'src/components/OpenInvitationsCell'

export const QUERY: TypedDocumentNode<
  SignupSettingsCell_Find,
  SignupSettingsCell_FindVariables
> = gql`
  query SignupSettingsCell_Find {
    signupSettings {
      policy
      emailDomains
      invitationsAllowed
    }
  }
`

export const Loading = (
  _props: CellLoadingProps<SignupSettingsCell_FindVariables>
) => (
  <p role="status" className="muted">
    Loading the sign-up settings…
  </p>
)

// The api always answers with the settings in force, so there is no Empty.

export const Failure = ({
  error,
  queryResult,
}: CellFailureProps<SignupSettingsCell_FindVariables>) => (
  <CellFailure
    title="The sign-up settings could not be loaded."
    error={error}
    onRetry={queryResult?.refetch}
  />
)

type Settings = SignupSettingsCell_Find['signupSettings']

/** Who can make an account now, and how invitations fit in. */
const PolicySummary = ({ settings }: { settings: Settings }) => {
  if (!settings.invitationsAllowed) {
    return (
      <div className="notice notice--warning">
        <p className="notice__title">
          Sign-up is closed, so nobody can be invited.
        </p>
        <p>
          With <code>SIGNUP_POLICY={settings.policy}</code>, no new accounts can
          be made and invitation links do not work. To invite people, set{' '}
          <code>SIGNUP_POLICY=invite</code> in the api’s environment (only
          invited people can sign up) and restart the api.
        </p>
      </div>
    )
  }
  if (settings.policy === 'open') {
    const domains = settings.emailDomains
    return (
      <p>
        Anyone can sign up
        {domains.length > 0 && (
          <>
            {' '}
            with an address at {domains.join(', ')} (
            <code>SIGNUP_EMAIL_DOMAINS</code>)
          </>
        )}{' '}
        and becomes a member (<code>SIGNUP_POLICY=open</code>). An invitation
        lets you choose the role
        {domains.length > 0 && ', and works for an address at any domain'}.
      </p>
    )
  }
  return (
    <p>
      Only invited people can sign up (
      <code>SIGNUP_POLICY={settings.policy}</code>
      ). An invitation link works once, for the address it was sent to.
    </p>
  )
}

export const Success = ({
  signupSettings,
}: CellSuccessProps<
  SignupSettingsCell_Find,
  SignupSettingsCell_FindVariables
>) => {
  const [announcement, setAnnouncement] = useState('')
  const canInvite = signupSettings.invitationsAllowed

  return (
    <>
      <PolicySummary settings={signupSettings} />
      {canInvite && <InviteMemberForm />}
      <h3>Open invitations</h3>
      <p role="status" className="muted">
        {announcement}
      </p>
      <OpenInvitationsCell
        canInvite={canInvite}
        onRevoked={({ email }) =>
          setAnnouncement(`The invitation for ${email} was revoked.`)
        }
      />
    </>
  )
}
