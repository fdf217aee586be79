import { render, screen } from '@redwoodjs/testing/web'

import AccountPage from './AccountPage'

describe('AccountPage', () => {
  it('shows who is signed in and offers to change the password', () => {
    mockCurrentUser({
      id: 2,
      email: 'grace@example.com',
      role: 'MEMBER',
      roles: ['MEMBER'],
    })
    render(<AccountPage />)

    expect(
      screen.getByRole('heading', { name: 'Your account', level: 1 })
    ).toBeInTheDocument()
    expect(screen.getByText('grace@example.com')).toBeInTheDocument()
    expect(screen.getByText('Member')).toBeInTheDocument()
    expect(
      screen.getByRole('form', { name: 'Change your password' })
    ).toBeInTheDocument()
  })
})
