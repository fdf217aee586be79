import { useEffect, useRef, useState } from 'react'

import type {
  MemberAccessButton_SetMemberDisabled,
  MemberAccessButton_SetMemberDisabledVariables,
} from 'types/graphql'

import { useMutation, type TypedDocumentNode } from '@redwoodjs/web'

import {
  errorSummary,
  fieldMessages,
  type RequestError,
} from 'src/lib/graphQLErrors'

// Every field the members list shows, so the cached row updates in place.
export const SET_MEMBER_DISABLED: TypedDocumentNode<
  MemberAccessButton_SetMemberDisabled,
  MemberAccessButton_SetMemberDisabledVariables
> = gql`
  mutation MemberAccessButton_SetMemberDisabled(
    $id: Int!
    $disabled: Boolean!
  ) {
    setMemberDisabled(id: $id, disabled: $disabled) {
      id
      email
      role
      disabledAt
      createdAt
      sendRatePerMinute
      dailySendQuota
      sendRatePerMinuteOverride
      dailySendQuotaOverride
      sentToday
    }
  }
`

interface Member {
  id: number
  email: string
  disabledAt?: string | null
}

interface MemberAccessButtonProps {
  member: Member
  onChanged?: (member: Member) => void
}

/** Disables or enables a member after the admin confirms what that means. */
const MemberAccessButton = ({ member, onChanged }: MemberAccessButtonProps) => {
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string>()
  const cancelRef = useRef<HTMLButtonElement>(null)
  const openRef = useRef<HTMLButtonElement>(null)
  const [setMemberDisabled, { loading }] = useMutation(SET_MEMBER_DISABLED)
  const disabling = !member.disabledAt
  const action = disabling ? 'Disable' : 'Enable'

  useEffect(() => {
    if (confirming) {
      cancelRef.current?.focus()
    }
  }, [confirming])

  const close = () => {
    setConfirming(false)
    setError(undefined)
    // Back on the button that opened the question, once it is rendered again.
    setTimeout(() => openRef.current?.focus())
  }

  const confirm = async () => {
    setError(undefined)
    try {
      const { data } = await setMemberDisabled({
        variables: { id: member.id, disabled: disabling },
      })
      setConfirming(false)
      if (data) {
        onChanged?.(data.setMemberDisabled)
      }
    } catch (caught) {
      const refused = caught as RequestError
      // The api names the member (`id`) when it refuses, e.g. your own account.
      setError(fieldMessages(refused).id?.[0] ?? errorSummary(refused))
    }
  }

  if (!confirming) {
    return (
      <button
        ref={openRef}
        type="button"
        className="button button--secondary button--small"
        onClick={() => setConfirming(true)}
      >
        {action}
        <span className="sr-only"> {member.email}</span>
      </button>
    )
  }

  const questionId = `member-access-${member.id}-question`
  return (
    <div className="confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId}>
        {disabling ? (
          <>
            Disable <strong>{member.email}</strong>? They are signed out
            everywhere at once, their API keys stop working, and they cannot log
            in until an admin enables the account again.
          </>
        ) : (
          <>
            Enable <strong>{member.email}</strong>? They can log in again, and
            their API keys work again.
          </>
        )}
      </p>
      {error && (
        <p role="alert" className="form-field__error">
          {error}
        </p>
      )}
      <div className="confirm__actions">
        <button
          type="button"
          className={`button button--small ${disabling ? 'button--danger' : ''}`}
          onClick={confirm}
          disabled={loading}
        >
          {loading
            ? `${disabling ? 'Disabling' : 'Enabling'}…`
            : `Yes, ${action.toLowerCase()}`}
        </button>
        <button
          ref={cancelRef}
          type="button"
          className="button button--secondary button--small"
          onClick={close}
          disabled={loading}
        >
          Cancel
        </button>
      </div>
    </div>
  )
}

export default MemberAccessButton
