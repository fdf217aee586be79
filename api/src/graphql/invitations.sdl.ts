export const schema = gql`
  "A single-use link that lets someone create an account."
  type Invitation {
    id: String!
    email: String!
    role: Role!
    createdAt: DateTime!
    expiresAt: DateTime!
    "The admin who sent it; null when made on the command line."
    invitedBy: String
  }

  type IssuedInvitation {
    invitation: Invitation!
    "The link, shown once, to pass on if the email does not arrive."
    inviteUrl: String!
    emailSent: Boolean!
  }

  type Query {
    "Invitations not yet used, revoked or expired."
    openInvitations: [Invitation!]! @requireAuth(roles: "ADMIN")
  }

  type Mutation {
    "Emails a single-use link; a new invitation replaces an open one for the same address."
    inviteMember(email: String!, role: Role): IssuedInvitation!
      @requireAuth(roles: "ADMIN")
    revokeInvitation(id: String!): Invitation! @requireAuth(roles: "ADMIN")
  }
`
