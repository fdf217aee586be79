import type {
  RevokeInvitationButton_RevokeInvitation,
  RevokeInvitationButton_RevokeInvitationVariables,
} from 'types/graphql'

import { useMutation, type TypedDocumentNode } from '@redwoodjs/web'

import ConfirmAction from 'src/components/ConfirmAction'
import {
  errorSummary,
  fieldMessages,
  type RequestError,
} from 'src/lib/graphQLErrors'

export const REVOKE_INVITATION: TypedDocumentNode<
  RevokeInvitationButton_RevokeInvitation,
  RevokeInvitationButton_RevokeInvitationVariables
> = gql`
  mutation RevokeInvitationButton_RevokeInvitation($id: String!) {
    revokeInvitation(id: $id) {
      id
    }
  }
`

interface Invitation {
  id: string
  email: string
}

interface RevokeInvitationButtonProps {
  invitation: Invitation
  onRevoked?: (invitation: Invitation) => void
}

/** Revokes an invitation after the admin confirms, in place. */
const RevokeInvitationButton = ({
  invitation,
  onRevoked,
}: RevokeInvitationButtonProps) => {
  // The list holds open invitations only: it is read again, by operation
  // name because that cell renders this button.
  const [revokeInvitation, { loading }] = useMutation(REVOKE_INVITATION, {
    refetchQueries: ['OpenInvitationsCell_List'],
    awaitRefetchQueries: true,
  })

  return (
    <ConfirmAction
      label={
        <>
          Revoke
          <span className="sr-only">
            {' '}
            the invitation for {invitation.email}
          </span>
        </>
      }
      questionId={`revoke-invitation-${invitation.id}-question`}
      question={
        <>
          Revoke the invitation for <strong>{invitation.email}</strong>? Its
          link stops working at once.
        </>
      }
      confirmLabel="Yes, revoke"
      busyLabel="Revoking…"
      busy={loading}
      danger
      onConfirm={async () => {
        await revokeInvitation({ variables: { id: invitation.id } })
        onRevoked?.(invitation)
      }}
      describeError={(refused: RequestError) =>
        fieldMessages(refused).id?.[0] ?? errorSummary(refused)
      }
    />
  )
}

export default RevokeInvitationButton
