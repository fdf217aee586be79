import { fireEvent, render, screen, waitFor } from '@redwoodjs/testing/web'

import InviteMemberForm from './InviteMemberForm'

const INVITE_URL =
  'http://localhost:8910/accept-invitation?invitationToken=Q2xhcmEgaW52aXRlZCB0aGlzIHRva2VuIG9uY2UuLi4'

const issued = (
  email: string,
  role: 'ADMIN' | 'MEMBER',
  emailSent: boolean
) => ({
  inviteMember: {
    __typename: 'IssuedInvitation',
    invitation: {
      __typename: 'Invitation',
      id: 'cmi8x2k0f0001a1b2c3d4e5f6',
      email,
      role,
      createdAt: '2026-11-22T10:00:00.000Z',
      expiresAt: '2026-11-29T10:00:00.000Z',
      invitedBy: 'ada@example.com',
    },
    inviteUrl: INVITE_URL,
    emailSent,
  },
})

const fill = (email: string, role?: string) => {
  fireEvent.change(screen.getByRole('textbox', { name: 'Email address' }), {
    target: { value: email },
  })
  if (role) {
    fireEvent.change(screen.getByRole('combobox', { name: /Role/ }), {
      target: { value: role },
    })
  }
  fireEvent.click(screen.getByRole('button', { name: 'Send invitation' }))
}

describe('InviteMemberForm', () => {
  afterEach(() => {
    delete (navigator as { clipboard?: unknown }).clipboard
  })

  it('asks for an address before inviting anyone', async () => {
    const calls: unknown[] = []
    mockGraphQLMutation('InviteMemberForm_InviteMember', (variables) => {
      calls.push(variables)
      return issued('x@example.com', 'MEMBER', true)
    })
    render(<InviteMemberForm />)
    fireEvent.click(screen.getByRole('button', { name: 'Send invitation' }))

    expect(
      await screen.findByText('Enter the email address to invite.')
    ).toHaveAttribute('id', 'email-error')
    expect(calls).toEqual([])
  })

  it('invites as a member unless told otherwise, and shows the link once with a copy button', async () => {
    const calls: unknown[] = []
    mockGraphQLMutation('InviteMemberForm_InviteMember', (variables) => {
      calls.push(variables)
      return issued('grace@example.com', 'MEMBER', true)
    })
    const writeText = jest.fn().mockResolvedValue(undefined)
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    })
    render(<InviteMemberForm />)
    expect(screen.getByRole('combobox', { name: /Role/ })).toHaveValue('MEMBER')
    fill('grace@example.com')

    const heading = await screen.findByRole('heading', {
      name: 'Invitation created for grace@example.com',
    })
    expect(heading).toHaveFocus()
    expect(calls).toEqual([{ email: 'grace@example.com', role: 'MEMBER' }])
    expect(screen.getByText(/We emailed the link to/)).toHaveTextContent(
      'We emailed the link to grace@example.com.'
    )
    expect(
      screen.getByRole('textbox', { name: 'Invitation link' })
    ).toHaveValue(INVITE_URL)
    expect(
      screen.getByText(/This is the only time the link is shown/)
    ).toBeInTheDocument()

    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }))
    await waitFor(() =>
      expect(screen.getByText('Copied to the clipboard.')).toBeInTheDocument()
    )
    expect(writeText).toHaveBeenCalledWith(INVITE_URL)

    fireEvent.click(screen.getByRole('button', { name: 'Invite someone else' }))
    expect(screen.queryByDisplayValue(INVITE_URL)).not.toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: 'Email address' })).toHaveValue(
      ''
    )
  })

  it('says when the email could not be sent, so the link must be passed on', async () => {
    mockGraphQLMutation('InviteMemberForm_InviteMember', () =>
      issued('barbara@example.com', 'ADMIN', false)
    )
    render(<InviteMemberForm />)
    fill('barbara@example.com', 'ADMIN')

    expect(
      await screen.findByText('The email could not be sent.')
    ).toBeInTheDocument()
    expect(
      screen.getByText(/Their account will have the role/)
    ).toHaveTextContent('Their account will have the role Admin.')
    expect(
      screen.getByRole('textbox', { name: 'Invitation link' })
    ).toHaveValue(INVITE_URL)
  })

  it('shows the api’s refusal beside the address', async () => {
    const message = 'grace@example.com already has an account.'
    mockGraphQLMutation(
      'InviteMemberForm_InviteMember',
      (_variables, { ctx }) => {
        ctx.errors([
          {
            message: `email: ${message}`,
            extensions: {
              code: 'BAD_USER_INPUT',
              properties: { messages: { email: [message] } },
            },
          },
        ])
      }
    )
    render(<InviteMemberForm />)
    fill('grace@example.com')

    expect(await screen.findByText(message)).toHaveAttribute(
      'id',
      'email-error'
    )
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(
      screen.queryByRole('textbox', { name: 'Invitation link' })
    ).not.toBeInTheDocument()
  })

  it('says when nobody was invited for another reason', async () => {
    mockGraphQLMutation(
      'InviteMemberForm_InviteMember',
      (_variables, { ctx }) => {
        ctx.errors([
          {
            message: "You don't have access to do that.",
            extensions: { code: 'FORBIDDEN' },
          },
        ])
      }
    )
    render(<InviteMemberForm />)
    fill('grace@example.com')

    expect(await screen.findByRole('alert')).toHaveTextContent(
      "Nobody was invited.You don't have access to do that."
    )
  })
})
