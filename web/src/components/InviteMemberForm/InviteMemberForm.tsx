import { useEffect, useRef, useState } from 'react'

import type {
  InviteMemberForm_InviteMember,
  InviteMemberForm_InviteMemberVariables,
  Role,
} from 'types/graphql'

import {
  EmailField,
  Form,
  SelectField,
  Submit,
  useForm,
} from '@redwoodjs/forms'
import { useMutation, type TypedDocumentNode } from '@redwoodjs/web'

import CopyField from 'src/components/CopyField'
import DateTime from 'src/components/DateTime'
import FormField, { useFieldA11y } from 'src/components/FormField'
import { QUERY as OPEN_INVITATIONS_QUERY } from 'src/components/OpenInvitationsCell/OpenInvitationsCell'
import { errorSummary, fieldMessages } from 'src/lib/graphQLErrors'
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from 'src/lib/roles'

export const INVITE_MEMBER: TypedDocumentNode<
  InviteMemberForm_InviteMember,
  InviteMemberForm_InviteMemberVariables
> = gql`
  mutation InviteMemberForm_InviteMember($email: String!, $role: Role) {
    inviteMember(email: $email, role: $role) {
      invitation {
        id
        email
        role
        createdAt
        expiresAt
        invitedBy
      }
      inviteUrl
      emailSent
    }
  }
`

interface InviteValues {
  email: string
  role: Role
}

type Issued = InviteMemberForm_InviteMember['inviteMember']

const EmailInput = () => {
  const a11y = useFieldA11y('email')
  return (
    <FormField name="email" label="Email address">
      <EmailField
        name="email"
        className="input"
        errorClassName="input input--error"
        autoComplete="off"
        spellCheck={false}
        {...a11y}
        validation={{
          required: {
            value: true,
            message: 'Enter the email address to invite.',
          },
        }}
      />
    </FormField>
  )
}

const RoleInput = () => {
  const a11y = useFieldA11y('role', { hint: true })
  return (
    <FormField
      name="role"
      label="Role"
      hint={ROLES.map((role) => (
        <span key={role} className="block">
          {ROLE_LABELS[role]}: {ROLE_DESCRIPTIONS[role]}
        </span>
      ))}
    >
      <SelectField
        name="role"
        className="input input--short"
        errorClassName="input input--short input--error"
        {...a11y}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </SelectField>
    </FormField>
  )
}

/** The link of a new invitation, shown once. */
const IssuedInvitation = ({
  issued,
  onDone,
}: {
  issued: Issued
  onDone: () => void
}) => {
  const headingRef = useRef<HTMLHeadingElement>(null)
  const { invitation } = issued

  useEffect(() => {
    headingRef.current?.focus()
  }, [])

  return (
    <section
      className={`notice ${issued.emailSent ? 'notice--success' : 'notice--warning'}`}
      aria-labelledby="issued-invitation-heading"
    >
      <h3 id="issued-invitation-heading" ref={headingRef} tabIndex={-1}>
        Invitation created for {invitation.email}
      </h3>
      <p>
        Their account will have the role{' '}
        <strong>{ROLE_LABELS[invitation.role]}</strong>.
      </p>
      {issued.emailSent ? (
        <p>
          We emailed the link to <strong>{invitation.email}</strong>. If it does
          not arrive, pass the link below on yourself.
        </p>
      ) : (
        <p>
          <strong>The email could not be sent.</strong> Pass the link below on
          to {invitation.email} yourself, by a channel only they read.
        </p>
      )}
      <CopyField
        id="invitation-link"
        label="Invitation link"
        value={issued.inviteUrl}
        noun="link"
      />
      <p>
        This is the only time the link is shown. It works once, until{' '}
        <DateTime iso={invitation.expiresAt} />. Inviting the same address again
        replaces it.
      </p>
      <button
        type="button"
        className="button button--secondary"
        onClick={onDone}
      >
        Invite someone else
      </button>
    </section>
  )
}

/** Invites a person by email, with the role their account will have. */
const InviteMemberForm = () => {
  const formMethods = useForm<InviteValues>({
    defaultValues: { email: '', role: 'MEMBER' },
  })
  const [issued, setIssued] = useState<Issued>()
  const [inviteMember, { loading, error }] = useMutation(INVITE_MEMBER, {
    refetchQueries: [{ query: OPEN_INVITATIONS_QUERY }],
    awaitRefetchQueries: true,
    onCompleted: ({ inviteMember }) => {
      setIssued(inviteMember)
      formMethods.reset()
    },
    // Shown by the form, beside a field or above them.
    onError: () => undefined,
  })
  const generalError = error && Object.keys(fieldMessages(error)).length === 0

  if (issued) {
    return (
      <IssuedInvitation issued={issued} onDone={() => setIssued(undefined)} />
    )
  }

  return (
    <Form
      formMethods={formMethods}
      error={error}
      onSubmit={(values: InviteValues) => inviteMember({ variables: values })}
      className="form card"
      aria-labelledby="invite-member-heading"
      noValidate
    >
      <h3 id="invite-member-heading">Invite someone</h3>
      {generalError && (
        <div role="alert" className="notice notice--error">
          <p className="notice__title">Nobody was invited.</p>
          <p>{errorSummary(error)}</p>
        </div>
      )}
      <EmailInput />
      <RoleInput />
      <div className="form-actions">
        <Submit className="button" disabled={loading}>
          {loading ? 'Inviting…' : 'Send invitation'}
        </Submit>
      </div>
    </Form>
  )
}

export default InviteMemberForm
