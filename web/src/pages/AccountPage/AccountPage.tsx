import { Metadata } from '@redwoodjs/web'

import { useAuth } from 'src/auth'
import ChangePasswordForm from 'src/components/ChangePasswordForm'
import { ROLE_LABELS } from 'src/lib/roles'

const AccountPage = () => {
  const { currentUser } = useAuth()

  return (
    <>
      <Metadata title="Your account" />
      <div className="page-header">
        <h1>Your account</h1>
        <dl className="details">
          <dt>Email address</dt>
          <dd>{currentUser?.email}</dd>
          <dt>Role</dt>
          <dd>{currentUser?.role ? ROLE_LABELS[currentUser.role] : null}</dd>
        </dl>
      </div>
      <ChangePasswordForm />
    </>
  )
}

export default AccountPage
