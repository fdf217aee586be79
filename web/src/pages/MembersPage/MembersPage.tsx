import { Metadata } from '@redwoodjs/web'

import MembersCell from 'src/components/MembersCell'
import SignupSettingsCell from 'src/components/SignupSettingsCell'

/** For admins only (Routes.tsx): accounts, their limits, and invitations. */
const MembersPage = () => (
  <>
    <Metadata title="Members" />
    <div className="page-header">
      <h1>Members</h1>
      <p>
        Everyone with an account on this service. Disable an account to sign its
        owner out and stop their API keys; give a member limits of their own
        where the defaults do not fit.
      </p>
    </div>
    <section aria-labelledby="accounts-heading" className="section">
      <h2 id="accounts-heading">Accounts</h2>
      <MembersCell />
    </section>
    <section aria-labelledby="invitations-heading" className="section">
      <h2 id="invitations-heading">Invitations</h2>
      <SignupSettingsCell />
    </section>
  </>
)

export default MembersPage
