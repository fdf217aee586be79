import { accountsConfig } from './accountsConfig'
import { emailDomain } from './email'

/**
 * Why a self sign-up (one without an invitation) is refused, or null when the
 * configured policy lets this address sign up. The first account on an empty
 * database is always allowed: it becomes the admin.
 */
export const selfSignupRefusal = (email: string): string | null => {
  const { signupPolicy, signupEmailDomains } = accountsConfig()
  if (signupPolicy === 'closed') {
    return 'Sign-up is closed. Ask an admin of this service for an account.'
  }
  if (signupPolicy === 'invite') {
    return 'Sign-up is by invitation only. Ask an admin of this service to invite you.'
  }
  if (
    signupEmailDomains.length > 0 &&
    !signupEmailDomains.includes(emailDomain(email))
  ) {
    return `Sign-up is open only to addresses at ${signupEmailDomains.join(', ')}.`
  }
  return null
}

export const invitationsRefusal = (): string | null =>
  accountsConfig().signupPolicy === 'closed'
    ? 'Sign-up is closed (SIGNUP_POLICY=closed), so invitations cannot be used. Set SIGNUP_POLICY=invite to invite people.'
    : null
