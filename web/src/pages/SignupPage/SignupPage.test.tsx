import { fireEvent, render, screen } from '@redwoodjs/testing/web'

import { useAuth } from 'src/auth'

import SignupPage from './SignupPage'

jest.mock('src/auth', () => ({ useAuth: jest.fn() }))

const mockedUseAuth = useAuth as jest.MockedFunction<typeof useAuth>

const signUpAs = (email: string, password: string) => {
  fireEvent.change(screen.getByLabelText('Email address'), {
    target: { value: email },
  })
  fireEvent.change(screen.getByLabelText('Choose a password'), {
    target: { value: password },
  })
  fireEvent.click(screen.getByRole('button', { name: 'Sign up' }))
}

describe('SignupPage', () => {
  const signUp = jest.fn()

  beforeEach(() => {
    signUp.mockReset()
    mockedUseAuth.mockReturnValue({
      isAuthenticated: false,
      signUp,
    } as unknown as ReturnType<typeof useAuth>)
  })

  it('points invited people to their invitation link', () => {
    render(<SignupPage />)
    expect(
      screen.getByText(/Open the link in your invitation email instead/)
    ).toBeInTheDocument()
  })

  it.each([
    'Sign-up is by invitation only. Ask an admin of this service to invite you.',
    'Sign-up is closed. Ask an admin of this service for an account.',
    'Sign-up is open only to addresses at example.com.',
  ])('shows the sign-up policy’s refusal: %s', async (refusal) => {
    signUp.mockResolvedValue({ error: refusal })
    render(<SignupPage />)
    signUpAs('grace@example.net', 'grace-password-1')

    // The whole alert is the api's sentence, nothing added or cut.
    expect(await screen.findByRole('alert')).toHaveTextContent(
      new RegExp(`^${refusal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
    )
    expect(signUp).toHaveBeenCalledWith({
      username: 'grace@example.net',
      password: 'grace-password-1',
    })
  })
})
