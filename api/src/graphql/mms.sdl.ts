export const schema = gql`
  """
  PENDING: recorded, not yet handed to AWS. SENDING: being handed over.
  SENT: AWS accepted it (delivery is reported later). FAILED: certainly not
  sent; see errorCode. UNKNOWN: AWS did not answer in time, so it may or may
  not have been sent; it is not retried, to avoid a duplicate.
  """
  enum MmsStatus {
    PENDING
    SENDING
    SENT
    FAILED
    UNKNOWN
  }

  "One HTTP request to the provider for a message."
  type MmsAttempt {
    number: Int!
    startedAt: DateTime!
    durationMs: Int!
    "ACCEPTED, REJECTED, RETRYABLE or NO_RESPONSE"
    outcome: String!
    httpStatus: Int
    "The provider's error name, e.g. ThrottlingException"
    errorCode: String
  }

  "A media file sent with a message."
  type MmsMedia {
    "s3://bucket/key"
    url: String!
    contentType: String!
    sizeBytes: Int!
    "A short-lived HTTPS link to show the file; expires after 5 minutes."
    previewUrl: String
  }

  "A message as recorded: what was asked for and what became of it."
  type MmsMessage {
    id: String!
    "The provider's id for the accepted message (Pinpoint MessageId)."
    messageId: String
    status: MmsStatus!
    provider: String!
    destinationPhoneNumber: String!
    originationIdentity: String!
    messageBody: String
    mediaUrls: [String!]!
    media: [MmsMedia!]!
    dryRun: Boolean!
    timeToLive: Int
    maxPrice: String
    configurationSetName: String
    context: JSONObject
    idempotencyKey: String
    "A stable code for why the message was not sent (FAILED or UNKNOWN)."
    errorCode: String
    "What errorCode means, written for the person who has to act on it."
    errorMessage: String
    attemptCount: Int!
    attempts: [MmsAttempt!]!
    "The API key that sent it; null when sent by a signed-in person."
    apiKey: ApiKey
    createdAt: DateTime!
    updatedAt: DateTime!
    sentAt: DateTime
  }

  type MmsPageInfo {
    "Pass as after to get the next page."
    endCursor: String
    hasNextPage: Boolean!
  }

  type MmsMessageConnection {
    nodes: [MmsMessage!]!
    pageInfo: MmsPageInfo!
  }

  type Query {
    "The caller's messages, newest first."
    mmsMessages(
      first: Int = 20
      after: String
      status: MmsStatus
    ): MmsMessageConnection! @requireAuth
    mmsMessage(id: String!): MmsMessage @requireAuth
  }

  type Mutation {
    """
    Validates, records and sends an MMS. Invalid input is refused with
    BAD_USER_INPUT and nothing is recorded. Otherwise the recorded message is
    returned, whether AWS accepted it (SENT) or not (FAILED, UNKNOWN).
    A repeat with the same idempotencyKey returns the first message and sends
    nothing. A send over a sending limit is refused with RATE_LIMITED or
    QUOTA_EXCEEDED and extensions.retryAfterSeconds and retryAt; nothing is
    recorded. A refused send is null, so that the other sends of a request
    (aliased fields) still return their messages.
    """
    sendMms(
      destinationPhoneNumber: String!
      mediaUrls: [String!]
      messageBody: String
      dryRun: Boolean
      "Seconds the provider may keep trying to deliver: 5 to 259200."
      timeToLive: Int
      "Most to pay per message, in US dollars, e.g. 0.05."
      maxPrice: String
      configurationSetName: String
      "Up to 4 string pairs echoed in delivery events."
      context: JSONObject
      idempotencyKey: String
    ): MmsMessage @requireAuth
  }
`
