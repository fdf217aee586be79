import { fireEvent, render, screen } from '@redwoodjs/testing/web'

import { useAuth } from 'src/auth'

import ForgotPasswordPage from './ForgotPasswordPage'

jest.mock('src/auth', () => ({ useAuth: jest.fn() }))

const mockedUseAuth = useAuth as jest.MockedFunction<typeof useAuth>

const ANSWER =
  'If an account uses that address, we have sent it a link to choose a new password. Check your email.'

const ask = (email: string) => {
  fireEvent.change(screen.getByLabelText('Email address'), {
    target: { value: email },
  })
  fireEvent.click(screen.getByRole('button', { name: 'Send the link' }))
}

describe('ForgotPasswordPage', () => {
  const forgotPassword = jest.fn()

  beforeEach(() => {
    forgotPassword.mockReset()
    mockedUseAuth.mockReturnValue({
      isAuthenticated: false,
      forgotPassword,
    } as unknown as ReturnType<typeof useAuth>)
  })

  it('shows the api’s answer, which is the same whether or not the account exists', async () => {
    forgotPassword.mockResolvedValue({ message: ANSWER })
    render(<ForgotPasswordPage />)
    ask('ada@example.com')

    const status = await screen.findByRole('status')
    expect(status).toHaveTextContent(ANSWER)
    expect(status).toHaveTextContent('Nothing from us at ada@example.com?')
    expect(status).not.toHaveTextContent(/does not send email/)
    expect(forgotPassword).toHaveBeenCalledWith('ada@example.com')
    expect(screen.queryByLabelText('Email address')).not.toBeInTheDocument()
  })

  it('lets the person ask again, with the form back', async () => {
    forgotPassword.mockResolvedValue({ message: ANSWER })
    render(<ForgotPasswordPage />)
    ask('ada@exmaple.com')

    fireEvent.click(await screen.findByRole('button', { name: 'ask again' }))
    expect(screen.getByLabelText('Email address')).toBeInTheDocument()
    expect(screen.queryByRole('status')).not.toBeInTheDocument()
  })

  it('shows an error and keeps the form', async () => {
    forgotPassword.mockResolvedValue({
      error: 'Something went wrong. Try again.',
    })
    render(<ForgotPasswordPage />)
    ask('ada@example.com')

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Something went wrong. Try again.'
    )
    expect(screen.getByLabelText('Email address')).toHaveValue(
      'ada@example.com'
    )
  })
})
