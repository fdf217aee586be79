import { fireEvent, render, screen } from '@redwoodjs/testing/web'

import { Failure, Loading, Success } from './SignupSettingsCell'
import { closed, openToDomains, standard } from './SignupSettingsCell.mock'

describe('SignupSettingsCell', () => {
  it('says it is loading', () => {
    render(<Loading />)
    expect(screen.getByRole('status')).toHaveTextContent(
      'Loading the sign-up settings…'
    )
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
      'The sign-up settings could not be loaded.'
    )
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(refetch).toHaveBeenCalledTimes(1)
  })

  it('offers the invitation form when only invited people sign up', async () => {
    render(<Success {...standard()} />)
    expect(
      screen.getByText(/Only invited people can sign up/)
    ).toHaveTextContent('(SIGNUP_POLICY=invite)')
    expect(
      screen.getByRole('form', { name: 'Invite someone' })
    ).toBeInTheDocument()
    expect(
      screen.getByRole('heading', { name: 'Open invitations' })
    ).toBeInTheDocument()
    // The open invitations come from their own cell, with its standard mock.
    expect(
      await screen.findByRole('rowheader', { name: 'barbara@example.com' })
    ).toBeInTheDocument()
  })

  it('says invitations need another policy instead of showing a form while sign-up is closed', () => {
    render(<Success {...closed()} />)
    expect(
      screen.getByText('Sign-up is closed, so nobody can be invited.')
    ).toBeInTheDocument()
    expect(screen.getByText(/To invite people, set/)).toHaveTextContent(
      'set SIGNUP_POLICY=invite in the api’s environment'
    )
    expect(screen.queryByRole('form')).not.toBeInTheDocument()
    expect(
      screen.queryByRole('button', { name: 'Send invitation' })
    ).not.toBeInTheDocument()
  })

  it('names the domains of an open sign-up', () => {
    render(<Success {...openToDomains()} />)
    expect(screen.getByText(/Anyone can sign up/)).toHaveTextContent(
      'Anyone can sign up with an address at example.com, example.org (SIGNUP_EMAIL_DOMAINS) and becomes a member (SIGNUP_POLICY=open). An invitation lets you choose the role, and works for an address at any domain.'
    )
    expect(
      screen.getByRole('form', { name: 'Invite someone' })
    ).toBeInTheDocument()
  })
})
