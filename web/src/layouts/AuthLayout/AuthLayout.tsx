import type { ReactNode } from 'react'

const AuthLayout = ({ children }: { children?: ReactNode }) => (
  <div className="auth-layout">
    <p className="auth-layout__brand">MMS Sender</p>
    <main id="main-content" className="auth-layout__main" tabIndex={-1}>
      {children}
    </main>
  </div>
)

export default AuthLayout
