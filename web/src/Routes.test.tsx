import { Children, cloneElement, isValidElement, type ReactNode } from 'react'

import { render, screen, waitFor } from '@testing-library/react'

import { Route, Router } from '@redwoodjs/router/dist/index'

import { useAuth } from 'src/auth'

import Routes from './Routes'

/**
 * The route tree of Routes.tsx, run by the real router (Redwood's test setup
 * swaps in one that renders nothing). Each page is replaced by its route's
 * name, because the pages themselves load through dynamic imports that Jest
 * cannot run; the sets, their roles and their redirects are the app's own.
 */
const withStubPages = (node: ReactNode): ReactNode =>
  Children.map(node, (child) => {
    if (!isValidElement<{ children?: ReactNode; name?: string; page?: unknown }>(child)) {
      return child
    }
    if (child.type === Route) {
      const name = child.props.name ?? 'notFound'
      const StubPage = () => <h1>page: {name}</h1>
      return cloneElement(child, { page: StubPage })
    }
    return cloneElement(child, {}, withStubPages(child.props.children))
  })

const appRoutes = (Routes() as { props: { children: ReactNode } }).props.children

// Not Redwood's `render`: its providers hold a location of their own, which
// the real router would read instead of following its redirects.
const open = (path: string) => {
  window.history.pushState({}, '', path)
  return render(
    <>
      {/* The test router renders nothing; it names the routes the layouts link to. */}
      <Routes />
      <Router useAuth={useAuth}>{withStubPages(appRoutes)}</Router>
    </>
  )
}

const signIn = (role: 'ADMIN' | 'MEMBER') =>
  mockCurrentUser({
    id: role === 'ADMIN' ? 1 : 2,
    email: role === 'ADMIN' ? 'ada@example.com' : 'grace@example.com',
    role,
    roles: [role],
  })

describe('Routes', () => {
  beforeAll(() => {
    // jsdom has no scrolling; the router scrolls to the top of a new page.
    jest.spyOn(window, 'scrollTo').mockImplementation(() => {})
  })

  afterAll(() => {
    jest.restoreAllMocks()
  })

  it('opens the members page for an admin', async () => {
    signIn('ADMIN')
    open('/members')

    expect(await screen.findByRole('heading', { name: 'page: members' })).toBeInTheDocument()
    expect(window.location.pathname).toBe('/members')
  })

  it('sends a member who opens the members page to the send page instead', async () => {
    signIn('MEMBER')
    open('/members')

    expect(await screen.findByRole('heading', { name: 'page: send' })).toBeInTheDocument()
    expect(window.location.pathname).toBe('/')
    expect(screen.queryByRole('heading', { name: 'page: members' })).not.toBeInTheDocument()
  })

  it('sends a signed-out visitor of the members page to log in', async () => {
    mockCurrentUser(null)
    open('/members')

    expect(await screen.findByRole('heading', { name: 'page: login' })).toBeInTheDocument()
    await waitFor(() => expect(window.location.pathname).toBe('/login'))
  })

  it('opens the invitation page signed out, and the account page only signed in', async () => {
    mockCurrentUser(null)
    const first = open('/accept-invitation')
    expect(await screen.findByRole('heading', { name: 'page: acceptInvitation' })).toBeInTheDocument()
    first.unmount()

    const second = open('/account')
    expect(await screen.findByRole('heading', { name: 'page: login' })).toBeInTheDocument()
    second.unmount()

    signIn('MEMBER')
    open('/account')
    expect(await screen.findByRole('heading', { name: 'page: account' })).toBeInTheDocument()
  })
})
