export const schema = gql`
  "Why a webhook attempt got no HTTP answer, or was not made."
  enum WebhookErrorCode {
    "No answer within the time allowed."
    TIMEOUT
    "The connection was refused, reset or closed before an answer."
    CONNECTION_FAILED
    "The host name did not resolve."
    DNS_FAILED
    "The TLS handshake failed (for example, an invalid certificate)."
    TLS_FAILED
    "The host resolved to a loopback, private, link-local or metadata address."
    ADDRESS_REFUSED
    "The URL is not allowed here (for example, not https)."
    URL_REFUSED
    "The API key's webhook was removed or replaced before the delivery was made."
    ENDPOINT_REMOVED
    "A statusCallbackUrl of a message whose API key has no webhook secret to sign with."
    NO_SIGNING_SECRET
  }

  enum WebhookDeliveryState {
    "Not answered 2xx yet; retried until a day has passed."
    PENDING
    DELIVERED
    "Gave up: a day of retries passed, or the destination was refused."
    FAILED
  }

  "Where the status changes of an API key's messages are POSTed."
  type WebhookEndpoint {
    id: String!
    apiKeyId: String!
    url: String!
    createdAt: DateTime!
    "Set when the URL was removed or replaced; nothing more is sent to it."
    disabledAt: DateTime
  }

  type CreatedWebhookEndpoint {
    endpoint: WebhookEndpoint!
    "Signs every delivery (X-MMS-Signature). Shown only in this response: store it now."
    secret: String!
  }

  "An API key with its webhook."
  type ApiKeyWebhook {
    apiKey: ApiKey!
    "The endpoint in use; null when the key has none."
    endpoint: WebhookEndpoint
  }

  "One POST of a webhook delivery."
  type WebhookAttempt {
    number: Int!
    startedAt: DateTime!
    durationMs: Int!
    "The HTTP status answered; null when no answer came."
    responseStatus: Int
    errorCode: WebhookErrorCode
  }

  "One status change of a message, POSTed to one URL."
  type WebhookDelivery {
    id: String!
    message: MmsMessage!
    "The status the message moved to."
    status: MmsStatus!
    url: String!
    "True for the message's own statusCallbackUrl, false for the key's webhook."
    toStatusCallback: Boolean!
    state: WebhookDeliveryState!
    attemptCount: Int!
    lastResponseStatus: Int
    lastErrorCode: WebhookErrorCode
    "While PENDING: when the next attempt is due."
    nextAttemptAt: DateTime
    deliveredAt: DateTime
    failedAt: DateTime
    createdAt: DateTime!
    "Every attempt, oldest first."
    attempts: [WebhookAttempt!]!
  }

  type WebhookDeliveryConnection {
    nodes: [WebhookDelivery!]!
    pageInfo: MmsPageInfo!
  }

  type Query {
    "One of the caller's API keys with its webhook; null when the caller has no such key."
    apiKeyWebhook(apiKeyId: String!): ApiKeyWebhook @requireAuth
    "Status webhooks of the messages sent with one of the caller's keys, newest first."
    webhookDeliveries(
      apiKeyId: String!
      first: Int = 20
      after: String
    ): WebhookDeliveryConnection! @requireAuth
  }

  type Mutation {
    """
    Sets the URL the key's status webhooks are POSTed to, replacing any
    before it, with a new signing secret returned only here.
    """
    setWebhookEndpoint(
      apiKeyId: String!
      url: String!
    ): CreatedWebhookEndpoint! @requireAuth
    "Stops the key's webhook; returns the endpoint removed, or null if there was none."
    removeWebhookEndpoint(apiKeyId: String!): WebhookEndpoint @requireAuth
    "Sends a delivery's payload again, as a new delivery."
    resendWebhookDelivery(id: String!): WebhookDelivery! @requireAuth
  }
`
