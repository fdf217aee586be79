import type {
  OpenInvitationsCell_List,
  OpenInvitationsCell_ListVariables,
} from 'types/graphql'

import type {
  CellFailureProps,
  CellLoadingProps,
  CellSuccessProps,
  TypedDocumentNode,
} from '@redwoodjs/web'

import CellFailure from 'src/components/CellFailure'
import DateTime from 'src/components/DateTime'
import RevokeInvitationButton from 'src/components/RevokeInvitationButton'
import TableScroll from 'src/components/TableScroll'
import { ROLE_LABELS } from 'src/lib/roles'

export const QUERY: TypedDocumentNode<
  OpenInvitationsCell_List,
  OpenInvitationsCell_ListVariables
> = gql`
  query OpenInvitationsCell_List {
    openInvitations {
      id
      email
      role
      createdAt
      expiresAt
      invitedBy
    }
  }
`

interface OpenInvitationsProps {
  /** False while the sign-up policy is closed and no invitation can be made. */
  canInvite?: boolean
  onRevoked?: (invitation: { id: string; email: string }) => void
}

export const Loading = (
  _props: CellLoadingProps<OpenInvitationsCell_ListVariables>
) => (
  <p role="status" className="muted">
    Loading open invitations…
  </p>
)

export const Empty = ({ canInvite = true }: OpenInvitationsProps) => (
  <p className="muted">
    No open invitations.{' '}
    {canInvite
      ? 'Invite someone with the form above; the invitation shows here until it is used, revoked or expires.'
      : 'Invitations can be made again once sign-up is no longer closed.'}
  </p>
)

export const Failure = ({
  error,
  queryResult,
}: CellFailureProps<OpenInvitationsCell_ListVariables>) => (
  <CellFailure
    title="The open invitations could not be loaded."
    error={error}
    onRetry={queryResult?.refetch}
  />
)

export const Success = ({
  openInvitations,
  onRevoked,
}: CellSuccessProps<
  OpenInvitationsCell_List,
  OpenInvitationsCell_ListVariables
> &
  OpenInvitationsProps) => (
  <TableScroll labelledBy="open-invitations-caption">
    <table className="table table--stack">
      <caption id="open-invitations-caption" className="sr-only">
        Open invitations, newest first
      </caption>
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Invited by</th>
          <th scope="col">Sent</th>
          <th scope="col">Expires</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {openInvitations.map((invitation) => (
          <tr key={invitation.id}>
            <th scope="row">{invitation.email}</th>
            <td data-label="Role">{ROLE_LABELS[invitation.role]}</td>
            <td data-label="Invited by">
              {invitation.invitedBy ?? (
                <span className="muted">the command line</span>
              )}
            </td>
            <td data-label="Sent">
              <DateTime iso={invitation.createdAt} />
            </td>
            <td data-label="Expires">
              <DateTime iso={invitation.expiresAt} />
            </td>
            <td>
              <RevokeInvitationButton
                invitation={invitation}
                onRevoked={onRevoked}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </TableScroll>
)
