import type { ReactNode } from 'react'

import { Link, routes, useMatch } from '@redwoodjs/router'

import { useAuth } from 'src/auth'

interface NavItemProps {
  to: string
  matchSubPaths?: boolean
  children: ReactNode
}

const NavItem = ({ to, matchSubPaths = false, children }: NavItemProps) => {
  const { match } = useMatch(to, { matchSubPaths })
  return (
    <li>
      <Link
        to={to}
        className="app-nav__link"
        aria-current={match ? 'page' : undefined}
      >
        {children}
      </Link>
    </li>
  )
}

const AppLayout = ({ children }: { children?: ReactNode }) => {
  const { currentUser, hasRole, logOut } = useAuth()
  const { match: accountPage } = useMatch(routes.account())

  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <Link to={routes.send()} className="app-header__brand">
            MMS Sender
          </Link>
          <nav className="app-nav" aria-label="Main">
            <ul className="app-nav__list">
              <NavItem to={routes.send()}>Send</NavItem>
              <NavItem to={routes.messages()} matchSubPaths>
                History
              </NavItem>
              <NavItem to={routes.apiKeys()}>API keys</NavItem>
              {hasRole('ADMIN') && (
                <NavItem to={routes.members()}>Members</NavItem>
              )}
            </ul>
          </nav>
          <div className="app-header__account">
            <span>
              Signed in as{' '}
              <strong className="app-header__email">
                {currentUser?.email}
              </strong>
            </span>
            <Link
              to={routes.account()}
              className="app-header__link"
              aria-current={accountPage ? 'page' : undefined}
            >
              Your account
            </Link>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => logOut()}
            >
              Log out
            </button>
          </div>
        </div>
      </header>
      <main id="main-content" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </>
  )
}

export default AppLayout
