import { fireEvent, render, screen, waitFor } from '@redwoodjs/testing/web'

import { useAuth } from 'src/auth'

import AcceptInvitationPage from './AcceptInvitationPage'

jest.mock('src/auth', () => ({ useAuth: jest.fn() }))

const mockedUseAuth = useAuth as jest.MockedFunction<typeof useAuth>

// As the api makes them: 32 random bytes in base64url.
const TOKEN = 'x4Jq9V0cZ2m8T1rB7nK3sW6yE5uH0aL2pD9fG4iO1tQ'

const answer = (status: number, body: unknown) =>
  Promise.resolve(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    })
  )

describe('AcceptInvitationPage', () => {
  const signUp = jest.fn()
  const logOut = jest.fn()
  const fetchMock = jest.fn()
  const realFetch = globalThis.fetch
  let signedIn: { email: string } | null

  beforeEach(() => {
    signUp.mockReset()
    logOut.mockReset()
    fetchMock.mockReset()
    signedIn = null
    globalThis.fetch = fetchMock
    mockedUseAuth.mockImplementation(
      () =>
        ({
          isAuthenticated: signedIn !== null,
          currentUser: signedIn,
          signUp,
          logOut,
        }) as unknown as ReturnType<typeof useAuth>
    )
    window.history.pushState(
      {},
      '',
      `/accept-invitation?invitationToken=${TOKEN}`
    )
  })

  afterEach(() => {
    globalThis.fetch = realFetch
  })

  const validInvitation = () =>
    fetchMock.mockImplementation(() =>
      answer(200, {
        email: 'grace@example.com',
        role: 'MEMBER',
        expiresAt: '2026-11-29T10:00:00.000Z',
      })
    )

  it('checks the link with the auth endpoint, then shows the invited address and role', async () => {
    validInvitation()
    render(<AcceptInvitationPage invitationToken={TOKEN} />)
    expect(screen.getByRole('status')).toHaveTextContent(
      'Checking your invitation…'
    )

    const email = await screen.findByRole('textbox', { name: 'Email address' })
    expect(email).toHaveValue('grace@example.com')
    expect(email).toHaveAttribute('readonly')
    expect(screen.getByText('Member')).toBeInTheDocument()
    expect(screen.getByLabelText('Choose a password')).toHaveFocus()

    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe(`${globalThis.RWJS_API_URL}/auth`)
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body)).toEqual({
      method: 'validateInvitation',
      invitationToken: TOKEN,
    })
  })

  it('signs up with the invitation and goes to the send page', async () => {
    // jsdom has no scrolling; the router scrolls to the top of a new page.
    const scrollTo = jest.spyOn(window, 'scrollTo').mockImplementation(() => {})
    validInvitation()
    signUp.mockImplementation(async () => {
      signedIn = { email: 'grace@example.com' }
      return { id: 7, email: 'grace@example.com' }
    })
    render(<AcceptInvitationPage invitationToken={TOKEN} />)
    fireEvent.change(await screen.findByLabelText('Choose a password'), {
      target: { value: 'grace-password-1' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Create my account' }))

    await waitFor(() => expect(window.location.pathname).toBe('/'))
    expect(signUp).toHaveBeenCalledWith({
      username: 'grace@example.com',
      password: 'grace-password-1',
      invitationToken: TOKEN,
    })
    expect(screen.queryByText(/log out first/)).not.toBeInTheDocument()
    scrollTo.mockRestore()
  })

  it('shows a refused sign-up and lets the person try again', async () => {
    validInvitation()
    signUp.mockResolvedValue({
      error: 'Use a password of at least 8 characters.',
    })
    render(<AcceptInvitationPage invitationToken={TOKEN} />)
    fireEvent.change(await screen.findByLabelText('Choose a password'), {
      target: { value: 'short' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Create my account' }))

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Use a password of at least 8 characters.'
    )
    expect(
      screen.getByRole('button', { name: 'Create my account' })
    ).toBeEnabled()
    expect(window.location.pathname).toBe('/accept-invitation')
  })

  it('explains a link that was used, revoked or has expired, and what to do', async () => {
    fetchMock.mockImplementation(() =>
      answer(403, {
        error:
          'This invitation link is not valid, has expired or was already used. Ask for a new one.',
      })
    )
    render(<AcceptInvitationPage invitationToken={TOKEN} />)

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('This invitation cannot be used.')
    expect(alert).toHaveTextContent(
      'This invitation link is not valid, has expired or was already used. Ask for a new one.'
    )
    expect(alert).toHaveTextContent(
      'Ask the admin who invited you to send a new invitation.'
    )
    expect(screen.getAllByRole('link', { name: /log in/i })[0]).toHaveAttribute(
      'href',
      '/login'
    )
    expect(screen.queryByLabelText('Choose a password')).not.toBeInTheDocument()
    expect(
      screen.queryByRole('button', { name: 'Try again' })
    ).not.toBeInTheDocument()
  })

  it('asks for the whole link when the page is opened without a token', async () => {
    render(<AcceptInvitationPage />)
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This page needs the whole link from your invitation email.'
    )
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('offers to check again when the server cannot be reached', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    render(<AcceptInvitationPage invitationToken={TOKEN} />)

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The server could not be reached. Check your connection and try again.'
    )
    validInvitation()
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))

    expect(
      await screen.findByRole('textbox', { name: 'Email address' })
    ).toHaveValue('grace@example.com')
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('asks someone already signed in to log out before accepting', async () => {
    validInvitation()
    signedIn = { email: 'ada@example.com' }
    render(<AcceptInvitationPage invitationToken={TOKEN} />)

    expect(screen.getByRole('status')).toHaveTextContent(
      'You are signed in as ada@example.com. To create the invited account, log out first'
    )
    expect(screen.queryByLabelText('Choose a password')).not.toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }))
    expect(logOut).toHaveBeenCalledTimes(1)
    expect(fetchMock).not.toHaveBeenCalled()
  })
})
