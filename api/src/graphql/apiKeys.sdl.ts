export const schema = gql`
  "A credential for services calling the API as its owner."
  type ApiKey {
    id: String!
    name: String!
    "The key's public start, to recognise it; the secret is never shown again."
    prefix: String!
    createdAt: DateTime!
    lastUsedAt: DateTime
    revokedAt: DateTime
  }

  type CreatedApiKey {
    apiKey: ApiKey!
    "The whole key. Shown only in this response: store it now."
    secret: String!
  }

  type Query {
    "The caller's API keys, newest first, revoked ones included."
    apiKeys: [ApiKey!]! @requireAuth
  }

  type Mutation {
    createApiKey(name: String!): CreatedApiKey! @requireAuth
    revokeApiKey(id: String!): ApiKey! @requireAuth
  }
`
