import {
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@redwoodjs/testing/web'

import OpenInvitationsCell from 'src/components/OpenInvitationsCell'

import { Empty, Failure, Loading, Success } from './OpenInvitationsCell'
import { standard } from './OpenInvitationsCell.mock'

const rowOf = (email: string) => {
  const row = screen.getByRole('rowheader', { name: email }).closest('tr')
  if (!row) {
    throw new Error(`No row for ${email}`)
  }
  return row
}

describe('OpenInvitationsCell', () => {
  it('says it is loading', () => {
    render(<Loading />)
    expect(screen.getByRole('status')).toHaveTextContent(
      'Loading open invitations…'
    )
  })

  it('points to the form when there are no open invitations', () => {
    render(<Empty />)
    expect(
      screen.getByText(
        /No open invitations. Invite someone with the form above/
      )
    ).toBeInTheDocument()
  })

  it('does not point to a form while sign-up is closed', () => {
    render(<Empty canInvite={false} />)
    expect(
      screen.getByText(/once sign-up is no longer closed/)
    ).toBeInTheDocument()
    expect(screen.queryByText(/form above/)).not.toBeInTheDocument()
  })

  it('explains a failure and retries on request', () => {
    const refetch = jest.fn().mockResolvedValue({})
    render(
      <Failure
        error={new Error('Network request failed')}
        queryResult={{ refetch }}
      />
    )
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The open invitations could not be loaded.'
    )
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(refetch).toHaveBeenCalledTimes(1)
  })

  it('lists each invitation with role, who sent it and when it expires', () => {
    render(<Success {...standard()} />)

    const barbara = rowOf('barbara@example.com')
    expect(within(barbara).getByText('Admin')).toBeInTheDocument()
    expect(within(barbara).getByText('ada@example.com')).toBeInTheDocument()
    expect(
      within(barbara).getByRole('button', {
        name: 'Revoke the invitation for barbara@example.com',
      })
    ).toBeInTheDocument()
    expect(
      barbara.querySelector('td[data-label="Expires"] time')
    ).toHaveAttribute('datetime', '2026-11-28T10:00:00.000Z')

    const edsger = rowOf('edsger@example.com')
    expect(within(edsger).getByText('Member')).toBeInTheDocument()
    expect(within(edsger).getByText('the command line')).toBeInTheDocument()
  })

  it('revokes an invitation only after confirmation, then reads the list again', async () => {
    const revoked: string[] = []
    mockGraphQLQuery('OpenInvitationsCell_List', () => ({
      openInvitations: standard().openInvitations.filter(
        ({ id }) => !revoked.includes(id)
      ),
    }))
    mockGraphQLMutation('RevokeInvitationButton_RevokeInvitation', ({ id }) => {
      revoked.push(id)
      return { revokeInvitation: { __typename: 'Invitation', id } }
    })
    const onRevoked = jest.fn()
    render(<OpenInvitationsCell onRevoked={onRevoked} />)
    const row = (
      await screen.findByRole('rowheader', {
        name: 'edsger@example.com',
      })
    ).closest('tr') as HTMLElement

    fireEvent.click(
      within(row).getByRole('button', {
        name: 'Revoke the invitation for edsger@example.com',
      })
    )
    expect(
      within(row).getByText(/Its link stops working at once/)
    ).toBeInTheDocument()
    expect(within(row).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    fireEvent.click(within(row).getByRole('button', { name: 'Cancel' }))
    expect(revoked).toEqual([])

    fireEvent.click(
      within(row).getByRole('button', {
        name: 'Revoke the invitation for edsger@example.com',
      })
    )
    fireEvent.click(within(row).getByRole('button', { name: 'Yes, revoke' }))

    await waitFor(() =>
      expect(
        screen.queryByRole('rowheader', { name: 'edsger@example.com' })
      ).not.toBeInTheDocument()
    )
    expect(
      screen.getByRole('rowheader', { name: 'barbara@example.com' })
    ).toBeInTheDocument()
    expect(revoked).toEqual(['cmi8w9h3d0000z9y8x7w6v5u4'])
    expect(onRevoked).toHaveBeenCalledWith(
      expect.objectContaining({ email: 'edsger@example.com' })
    )
  })

  it('shows why an invitation could not be revoked', async () => {
    mockGraphQLMutation(
      'RevokeInvitationButton_RevokeInvitation',
      (_variables, { ctx }) => {
        const message = 'This invitation was already used or revoked.'
        ctx.errors([
          {
            message: `id: ${message}`,
            extensions: {
              code: 'BAD_USER_INPUT',
              properties: { messages: { id: [message] } },
            },
          },
        ])
      }
    )
    render(<Success {...standard()} />)
    const row = rowOf('barbara@example.com')
    fireEvent.click(
      within(row).getByRole('button', {
        name: 'Revoke the invitation for barbara@example.com',
      })
    )
    fireEvent.click(within(row).getByRole('button', { name: 'Yes, revoke' }))

    expect(await within(row).findByRole('alert')).toHaveTextContent(
      /^This invitation was already used or revoked.$/
    )
  })
})
