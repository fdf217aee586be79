import { PrivateSet, Route, Router, Set } from '@redwoodjs/router'

import AppLayout from 'src/layouts/AppLayout'
import AuthLayout from 'src/layouts/AuthLayout'

import { useAuth } from './auth'

const Routes = () => {
  return (
    <Router useAuth={useAuth}>
      <Set wrap={AuthLayout}>
        <Route path="/login" page={LoginPage} name="login" />
        <Route path="/signup" page={SignupPage} name="signup" />
        <Route path="/forgot-password" page={ForgotPasswordPage} name="forgotPassword" />
        <Route path="/reset-password" page={ResetPasswordPage} name="resetPassword" />
        <Route path="/accept-invitation" page={AcceptInvitationPage} name="acceptInvitation" />
      </Set>
      <PrivateSet unauthenticated="login" wrap={AppLayout}>
        <Route path="/" page={SendPage} name="send" />
        <Route path="/messages" page={MessagesPage} name="messages" />
        <Route path="/messages/{id}" page={MessagePage} name="message" />
        <Route path="/api-keys" page={ApiKeysPage} name="apiKeys" />
        <Route path="/api-keys/{id}/webhook" page={ApiKeyWebhookPage} name="apiKeyWebhook" />
        <Route path="/graphiql" page={GraphiqlPage} name="graphiql" />
        <Route path="/account" page={AccountPage} name="account" />
        {/* A member who opens an admin page is sent to the send page. */}
        <PrivateSet unauthenticated="send" roles="ADMIN">
          <Route path="/members" page={MembersPage} name="members" />
        </PrivateSet>
      </PrivateSet>
      <Route notfound page={NotFoundPage} />
    </Router>
  )
}

export default Routes
