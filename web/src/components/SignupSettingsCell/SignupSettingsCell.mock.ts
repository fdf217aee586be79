import type { SignupSettingsCell_Find } from 'types/graphql'

type Settings = SignupSettingsCell_Find['signupSettings']

const settings = (fields: Omit<Settings, '__typename'>) => ({
  signupSettings: { __typename: 'SignupSettings' as const, ...fields },
})

/** SIGNUP_POLICY=invite: only invited people sign up. */
export const standard = (): SignupSettingsCell_Find =>
  settings({ policy: 'invite', emailDomains: [], invitationsAllowed: true })

/** SIGNUP_POLICY=closed: no accounts, no invitations. */
export const closed = (): SignupSettingsCell_Find =>
  settings({ policy: 'closed', emailDomains: [], invitationsAllowed: false })

/** SIGNUP_POLICY=open with SIGNUP_EMAIL_DOMAINS=example.com,example.org. */
export const openToDomains = (): SignupSettingsCell_Find =>
  settings({
    policy: 'open',
    emailDomains: ['example.com', 'example.org'],
    invitationsAllowed: true,
  })
