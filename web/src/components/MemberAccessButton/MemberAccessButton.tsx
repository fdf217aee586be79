import type {
  MemberAccessButton_SetMemberDisabled,
  MemberAccessButton_SetMemberDisabledVariables,
} from 'types/graphql'

import { useMutation, type TypedDocumentNode } from '@redwoodjs/web'

import ConfirmAction from 'src/components/ConfirmAction'
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
  const [setMemberDisabled, { loading }] = useMutation(SET_MEMBER_DISABLED)
  const disabling = !member.disabledAt
  const action = disabling ? 'Disable' : 'Enable'

  return (
    <ConfirmAction
      label={
        <>
          {action}
          <span className="sr-only"> {member.email}</span>
        </>
      }
      questionId={`member-access-${member.id}-question`}
      question={
        disabling ? (
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
        )
      }
      confirmLabel={`Yes, ${action.toLowerCase()}`}
      busyLabel={`${disabling ? 'Disabling' : 'Enabling'}…`}
      busy={loading}
      danger={disabling}
      // The button stays in the row, now offering the opposite.
      closeWhenDone
      onConfirm={async () => {
        const { data } = await setMemberDisabled({
          variables: { id: member.id, disabled: disabling },
        })
        if (data) {
          onChanged?.(data.setMemberDisabled)
        }
      }}
      // The api names the member (`id`) when it refuses, e.g. your own account.
      describeError={(refused: RequestError) =>
        fieldMessages(refused).id?.[0] ?? errorSummary(refused)
      }
    />
  )
}

export default MemberAccessButton
