export const schema = gql`
  type Mutation {
    "Ends every other session of the account; this one stays signed in."
    changePassword(currentPassword: String!, newPassword: String!): Boolean!
      @requireAuth
  }
`
