import { Fragment, useRef, useState } from 'react'

import type { MembersCell_List, MembersCell_ListVariables } from 'types/graphql'

import type {
  CellFailureProps,
  CellLoadingProps,
  CellSuccessProps,
  TypedDocumentNode,
} from '@redwoodjs/web'

import { useAuth } from 'src/auth'
import CellFailure from 'src/components/CellFailure'
import DateTime from 'src/components/DateTime'
import MemberAccessButton from 'src/components/MemberAccessButton'
import MemberLimitsForm from 'src/components/MemberLimitsForm'
import TableScroll from 'src/components/TableScroll'
import { ROLE_LABELS } from 'src/lib/roles'

export const QUERY: TypedDocumentNode<
  MembersCell_List,
  MembersCell_ListVariables
> = gql`
  query MembersCell_List {
    members {
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

export const Loading = (
  _props: CellLoadingProps<MembersCell_ListVariables>
) => (
  <p role="status" className="muted">
    Loading members…
  </p>
)

export const Empty = () => (
  <p className="muted">
    No accounts yet. Invite someone below; their account appears here once they
    accept.
  </p>
)

export const Failure = ({
  error,
  queryResult,
}: CellFailureProps<MembersCell_ListVariables>) => (
  <CellFailure
    title="The members could not be loaded."
    error={error}
    onRetry={queryResult?.refetch}
  />
)

export type MemberRow = MembersCell_List['members'][number]

/** Marks a limit an admin set for this member, apart from the default. */
const LimitSource = ({ override }: { override: number | null }) =>
  override === null ? (
    <span className="muted"> (default)</span>
  ) : (
    <>
      {' '}
      <span className="tag">set for this member</span>
    </>
  )

const MemberStatus = ({ member }: { member: MemberRow }) =>
  member.disabledAt ? (
    <span>
      <span className="status-badge status-badge--failed">Disabled</span>{' '}
      <span className="muted">
        since <DateTime iso={member.disabledAt} />
      </span>
    </span>
  ) : (
    <span className="status-badge status-badge--sent">Active</span>
  )

export const Success = ({
  members,
}: CellSuccessProps<MembersCell_List, MembersCell_ListVariables>) => {
  const { currentUser } = useAuth()
  const tableRef = useRef<HTMLDivElement>(null)
  const [editing, setEditing] = useState<number>()
  const [announcement, setAnnouncement] = useState('')

  const announce = (message: string) => {
    setAnnouncement(message)
    tableRef.current?.focus()
  }

  return (
    <>
      <p className="sr-only" role="status">
        {announcement}
      </p>
      <TableScroll labelledBy="members-caption" ref={tableRef}>
        <table className="table table--stack">
          <caption id="members-caption" className="sr-only">
            Members, oldest account first
          </caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Sent today</th>
              <th scope="col">Per minute</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <Fragment key={member.id}>
                <tr
                  className={member.disabledAt ? 'table--revoked' : undefined}
                >
                  <th scope="row">
                    {member.email}
                    {member.id === currentUser?.id && (
                      <span className="muted"> (you)</span>
                    )}
                  </th>
                  <td data-label="Role">{ROLE_LABELS[member.role]}</td>
                  <td data-label="Status">
                    <MemberStatus member={member} />
                  </td>
                  <td data-label="Sent today">
                    {member.sentToday} of {member.dailySendQuota}
                    <LimitSource override={member.dailySendQuotaOverride} />
                  </td>
                  <td data-label="Per minute">
                    {member.sendRatePerMinute}
                    <LimitSource override={member.sendRatePerMinuteOverride} />
                  </td>
                  <td>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-expanded={editing === member.id}
                        onClick={() =>
                          setEditing(
                            editing === member.id ? undefined : member.id
                          )
                        }
                      >
                        Edit limits
                        <span className="sr-only"> of {member.email}</span>
                      </button>
                      <MemberAccessButton
                        member={member}
                        onChanged={({ email, disabledAt }) =>
                          announce(
                            disabledAt
                              ? `${email} was disabled and signed out.`
                              : `${email} was enabled.`
                          )
                        }
                      />
                    </div>
                  </td>
                </tr>
                {editing === member.id && (
                  <tr>
                    <td colSpan={6}>
                      <MemberLimitsForm
                        member={member}
                        onDone={(saved) => {
                          setEditing(undefined)
                          if (saved) {
                            announce(
                              `The limits of ${member.email} were saved.`
                            )
                          }
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  )
}
