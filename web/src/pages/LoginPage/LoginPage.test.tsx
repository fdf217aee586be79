import { fireEvent, render, screen, waitFor } from '@redwoodjs/testing/web'

import { useAuth } from 'src/auth'

import LoginPage from './LoginPage'

jest.mock('src/auth', () => ({ useAuth: jest.fn() }))

const mockedUseAuth = useAuth as jest.MockedFunction<typeof useAuth>

const signIn = (email: string, password: string) => {
  fireEvent.change(screen.getByLabelText('Email address'), {
    target: { value: email },
  })
  fireEvent.change(screen.getByLabelText('Password'), {
    target: { value: password },
  })
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }))
}

describe('LoginPage', () => {
  const logIn = jest.fn()

  beforeEach(() => {
    logIn.mockReset()
    mockedUseAuth.mockReturnValue({
      isAuthenticated: false,
      logIn,
    } as unknown as ReturnType<typeof useAuth>)
  })

  it('starts on the email field', () => {
    render(<LoginPage />)
    expect(screen.getByLabelText('Email address')).toHaveFocus()
  })

  it('asks for both fields before trying', async () => {
    render(<LoginPage />)
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }))

    expect(
      await screen.findByText('Enter your email address.')
    ).toBeInTheDocument()
    expect(screen.getByText('Enter a password.')).toBeInTheDocument()
    expect(logIn).not.toHaveBeenCalled()
  })

  it('logs in with the email as the username and shows a refusal', async () => {
    logIn.mockResolvedValue({ error: 'Incorrect password for ada@example.com' })
    render(<LoginPage />)
    signIn('ada@example.com', 'wrong')

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Incorrect password for ada@example.com'
    )
    expect(logIn).toHaveBeenCalledWith({
      username: 'ada@example.com',
      password: 'wrong',
    })
  })

  it('shows how long to wait after too many failed log-ins', async () => {
    logIn.mockResolvedValue({
      error:
        'Too many failed log-ins for this account. Try again in 15 seconds.',
    })
    render(<LoginPage />)
    signIn('ada@example.com', 'guess-4')

    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^Too many failed log-ins for this account. Try again in 15 seconds.$/
    )
    expect(
      screen.getByRole('link', { name: 'Forgot your password?' })
    ).toBeInTheDocument()
  })

  it('says when an admin has disabled the account', async () => {
    logIn.mockResolvedValue({
      error: 'This account is disabled. Ask an admin of this service.',
    })
    render(<LoginPage />)
    signIn('linus@example.com', 'linus-password-1')

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This account is disabled. Ask an admin of this service.'
    )
  })

  it('says so when the server does not answer', async () => {
    // dbAuth's client throws when the answer is not JSON, e.g. a proxy error.
    logIn.mockRejectedValue(new SyntaxError('Unexpected token < in JSON'))
    render(<LoginPage />)
    signIn('ada@example.com', 'ada-password-1')

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The server could not be reached. Check your connection and try again.'
    )
  })

  it('offers the way to sign up and to reset a password', () => {
    render(<LoginPage />)
    expect(screen.getByRole('link', { name: 'Sign up' })).toHaveAttribute(
      'href',
      '/signup'
    )
    expect(
      screen.getByRole('link', { name: 'Forgot your password?' })
    ).toHaveAttribute('href', '/forgot-password')
  })

  it('clears the refusal once a new attempt starts', async () => {
    logIn.mockResolvedValueOnce({ error: 'Username ada@example.com not found' })
    logIn.mockResolvedValueOnce({})
    render(<LoginPage />)
    signIn('ada@example.com', 'pw')
    await screen.findByRole('alert')

    signIn('ada@example.com', 'pw')
    await waitFor(() =>
      expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    )
  })
})
