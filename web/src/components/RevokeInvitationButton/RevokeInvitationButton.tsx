import { useEffect, useRef, useState } from 'react'

import type {
  RevokeInvitationButton_RevokeInvitation,
  RevokeInvitationButton_RevokeInvitationVariables,
} from 'types/graphql'

import { useMutation, type TypedDocumentNode } from '@redwoodjs/web'

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
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string>()
  const cancelRef = useRef<HTMLButtonElement>(null)
  const revokeRef = useRef<HTMLButtonElement>(null)
  // The list holds open invitations only: it is read again, by operation
  // name because that cell renders this button.
  const [revokeInvitation, { loading }] = useMutation(REVOKE_INVITATION, {
    refetchQueries: ['OpenInvitationsCell_List'],
    awaitRefetchQueries: true,
  })

  useEffect(() => {
    if (confirming) {
      cancelRef.current?.focus()
    }
  }, [confirming])

  const cancel = () => {
    setConfirming(false)
    setError(undefined)
    setTimeout(() => revokeRef.current?.focus())
  }

  const revoke = async () => {
    setError(undefined)
    try {
      await revokeInvitation({ variables: { id: invitation.id } })
      onRevoked?.(invitation)
    } catch (caught) {
      const refused = caught as RequestError
      setError(fieldMessages(refused).id?.[0] ?? errorSummary(refused))
    }
  }

  if (!confirming) {
    return (
      <button
        ref={revokeRef}
        type="button"
        className="button button--secondary button--small"
        onClick={() => setConfirming(true)}
      >
        Revoke
        <span className="sr-only"> the invitation for {invitation.email}</span>
      </button>
    )
  }

  const questionId = `revoke-invitation-${invitation.id}-question`
  return (
    <div className="confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId}>
        Revoke the invitation for <strong>{invitation.email}</strong>? Its link
        stops working at once.
      </p>
      {error && (
        <p role="alert" className="form-field__error">
          {error}
        </p>
      )}
      <div className="confirm__actions">
        <button
          type="button"
          className="button button--danger button--small"
          onClick={revoke}
          disabled={loading}
        >
          {loading ? 'Revoking…' : 'Yes, revoke'}
        </button>
        <button
          ref={cancelRef}
          type="button"
          className="button button--secondary button--small"
          onClick={cancel}
          disabled={loading}
        >
          Cancel
        </button>
      </div>
    </div>
  )
}

export default RevokeInvitationButton
