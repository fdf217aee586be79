import { useEffect, useRef, type Ref } from 'react'

import type {
  MemberLimitsForm_SetMemberLimits,
  MemberLimitsForm_SetMemberLimitsVariables,
} from 'types/graphql'

import { Form, Submit, TextField, useForm } from '@redwoodjs/forms'
import { useMutation, type TypedDocumentNode } from '@redwoodjs/web'

import FormField, { useFieldA11y } from 'src/components/FormField'
import { errorSummary, fieldMessages } from 'src/lib/graphQLErrors'

// Every field the members list shows, so the cached row updates in place.
export const SET_MEMBER_LIMITS: TypedDocumentNode<
  MemberLimitsForm_SetMemberLimits,
  MemberLimitsForm_SetMemberLimitsVariables
> = gql`
  mutation MemberLimitsForm_SetMemberLimits(
    $id: Int!
    $sendRatePerMinute: Int
    $dailySendQuota: Int
  ) {
    setMemberLimits(
      id: $id
      sendRatePerMinute: $sendRatePerMinute
      dailySendQuota: $dailySendQuota
    ) {
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

interface LimitsValues {
  sendRatePerMinute: string
  dailySendQuota: string
}

const WHOLE_NUMBER = /^\d+$/

/** An empty field clears the override, so the configured default applies. */
const toOverride = (value: string): number | null =>
  value.trim() === '' ? null : Number(value.trim())

const LimitField = ({
  name,
  label,
  inForce,
  override,
  firstFieldRef,
}: {
  name: keyof LimitsValues
  label: string
  inForce: number
  override: number | null
  firstFieldRef?: Ref<HTMLInputElement>
}) => {
  const a11y = useFieldA11y(name, { hint: true })
  return (
    <FormField
      name={name}
      label={label}
      hint={
        override === null
          ? `Now ${inForce}, the default. Leave empty to keep the default.`
          : `Now ${inForce}, set for this member. Leave empty to go back to the default.`
      }
    >
      <TextField
        name={name}
        ref={firstFieldRef}
        className="input input--short"
        errorClassName="input input--short input--error"
        inputMode="numeric"
        autoComplete="off"
        {...a11y}
        validation={{
          validate: (value: string) =>
            value.trim() === '' ||
            WHOLE_NUMBER.test(value.trim()) ||
            'Give a whole number, or leave it empty for the default.',
        }}
      />
    </FormField>
  )
}

interface MemberLimitsFormProps {
  member: {
    id: number
    email: string
    sendRatePerMinute: number
    dailySendQuota: number
    sendRatePerMinuteOverride?: number | null
    dailySendQuotaOverride?: number | null
  }
  /** `saved` is false when the admin cancelled. */
  onDone: (saved: boolean) => void
}

/** Sets or clears a member's own sending limits. */
const MemberLimitsForm = ({ member, onDone }: MemberLimitsFormProps) => {
  const rateOverride = member.sendRatePerMinuteOverride ?? null
  const quotaOverride = member.dailySendQuotaOverride ?? null
  const formMethods = useForm<LimitsValues>({
    defaultValues: {
      sendRatePerMinute: rateOverride === null ? '' : String(rateOverride),
      dailySendQuota: quotaOverride === null ? '' : String(quotaOverride),
    },
  })
  const firstFieldRef = useRef<HTMLInputElement>(null)
  const [setMemberLimits, { loading, error }] = useMutation(SET_MEMBER_LIMITS, {
    onCompleted: () => onDone(true),
    // Shown by the form, beside a field or above them.
    onError: () => undefined,
  })
  const generalError = error && Object.keys(fieldMessages(error)).length === 0
  const headingId = `limits-${member.id}-heading`

  useEffect(() => {
    firstFieldRef.current?.focus()
  }, [])

  return (
    <Form
      formMethods={formMethods}
      error={error}
      onSubmit={(values: LimitsValues) =>
        setMemberLimits({
          variables: {
            id: member.id,
            sendRatePerMinute: toOverride(values.sendRatePerMinute),
            dailySendQuota: toOverride(values.dailySendQuota),
          },
        })
      }
      className="form"
      aria-labelledby={headingId}
      noValidate
    >
      <h3 id={headingId}>Limits of {member.email}</h3>
      {generalError && (
        <div role="alert" className="notice notice--error">
          <p className="notice__title">The limits were not saved.</p>
          <p>{errorSummary(error)}</p>
        </div>
      )}
      <div className="form-row">
        <LimitField
          name="sendRatePerMinute"
          label="Messages per minute"
          inForce={member.sendRatePerMinute}
          override={rateOverride}
          firstFieldRef={firstFieldRef}
        />
        <LimitField
          name="dailySendQuota"
          label="Messages per day (UTC)"
          inForce={member.dailySendQuota}
          override={quotaOverride}
        />
      </div>
      <div className="form-actions">
        <Submit className="button button--small" disabled={loading}>
          {loading ? 'Saving…' : 'Save limits'}
        </Submit>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onDone(false)}
          disabled={loading}
        >
          Cancel
        </button>
      </div>
    </Form>
  )
}

export default MemberLimitsForm
