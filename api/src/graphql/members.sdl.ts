export const schema = gql`
  "ADMIN: manages members and invitations. MEMBER: sends and sees their own messages."
  enum Role {
    ADMIN
    MEMBER
  }

  "A person with an account, as an admin sees them."
  type Member {
    id: Int!
    email: String!
    role: Role!
    "Set when an admin disabled the account."
    disabledAt: DateTime
    createdAt: DateTime!
    "Messages per minute in force (the override, or the configured default)."
    sendRatePerMinute: Int!
    "Messages per UTC day in force (the override, or the configured default)."
    dailySendQuota: Int!
    "The admin's override; null means the configured default."
    sendRatePerMinuteOverride: Int
    dailySendQuotaOverride: Int
    "Messages recorded today (UTC)."
    sentToday: Int!
  }

  "Who may create an account (SIGNUP_POLICY, SIGNUP_EMAIL_DOMAINS)."
  type SignupSettings {
    "closed, invite or open"
    policy: String!
    emailDomains: [String!]!
    "False when the policy is closed."
    invitationsAllowed: Boolean!
  }

  type Query {
    members: [Member!]! @requireAuth(roles: "ADMIN")
    signupSettings: SignupSettings! @requireAuth(roles: "ADMIN")
  }

  type Mutation {
    "Disabling ends the member's sessions at once and stops their API keys."
    setMemberDisabled(id: Int!, disabled: Boolean!): Member!
      @requireAuth(roles: "ADMIN")
    "Null clears an override, so the configured default applies."
    setMemberLimits(
      id: Int!
      sendRatePerMinute: Int
      dailySendQuota: Int
    ): Member! @requireAuth(roles: "ADMIN")
  }
`
