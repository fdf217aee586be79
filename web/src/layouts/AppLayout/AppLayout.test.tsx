import { render, screen, within } from '@redwoodjs/testing/web'

import AppLayout from './AppLayout'

describe('AppLayout', () => {
  beforeEach(() => {
    mockCurrentUser({
      id: 1,
      email: 'ada@example.com',
      role: 'MEMBER',
      roles: ['MEMBER'],
    })
  })

  it('starts with a skip link to the main content', () => {
    render(<AppLayout>Page</AppLayout>)

    const skip = screen.getAllByRole('link')[0]
    expect(skip).toHaveTextContent('Skip to main content')
    expect(skip).toHaveAttribute('href', '#main-content')
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main-content')
    expect(screen.getByRole('main')).toHaveTextContent('Page')
  })

  it('links to every page, shows who is signed in and offers to log out', () => {
    render(<AppLayout>Page</AppLayout>)

    const nav = screen.getByRole('navigation', { name: 'Main' })
    expect(within(nav).getByRole('link', { name: 'Send' })).toHaveAttribute(
      'href',
      '/'
    )
    expect(within(nav).getByRole('link', { name: 'History' })).toHaveAttribute(
      'href',
      '/messages'
    )
    expect(within(nav).getByRole('link', { name: 'API keys' })).toHaveAttribute(
      'href',
      '/api-keys'
    )
    expect(screen.getByText('ada@example.com')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Your account' })).toHaveAttribute(
      'href',
      '/account'
    )
    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument()
  })

  it('shows the members page only to admins', () => {
    const { unmount } = render(<AppLayout>Page</AppLayout>)
    const nav = screen.getByRole('navigation', { name: 'Main' })
    expect(
      within(nav).queryByRole('link', { name: 'Members' })
    ).not.toBeInTheDocument()
    unmount()

    mockCurrentUser({
      id: 1,
      email: 'ada@example.com',
      role: 'ADMIN',
      roles: ['ADMIN'],
    })
    render(<AppLayout>Page</AppLayout>)
    expect(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole(
        'link',
        { name: 'Members' }
      )
    ).toHaveAttribute('href', '/members')
  })
})
