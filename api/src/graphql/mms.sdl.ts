export const schema = gql`
  """
  What became of a message; it moves forward only.
  QUEUED: recorded and waiting for its turn (see nextAttemptAt).
  SENDING: being handed to the provider.
  SENT: the provider accepted it; delivery is reported later.
  FAILED: certainly not sent; see errorCode.
  UNKNOWN: the provider did not answer, so it may or may not have been sent; it
  is not retried, to avoid a duplicate. A later delivery event can still
  resolve it.
  DELIVERED: the carrier reported it delivered to the phone.
  UNDELIVERED: the carrier reported it could not be delivered; see errorCode.
  """
  enum MmsStatus {
    QUEUED
    SENDING
    SENT
    FAILED
    UNKNOWN
    DELIVERED
    UNDELIVERED
  }

  "Why a message was not sent or not delivered; errorMessage says what to do."
  enum MmsErrorCode {
    INVALID_REQUEST
    MEDIA_TYPE_NOT_SUPPORTED
    MEDIA_TOO_LARGE
    MEDIA_NOT_ACCESSIBLE
    DESTINATION_COUNTRY_BLOCKED
    PRICE_OVER_THRESHOLD
    DESTINATION_OPTED_OUT
    DESTINATION_NOT_VERIFIED
    ORIGINATION_NOT_MMS_CAPABLE
    ORIGINATION_NOT_ACTIVE
    ORIGINATION_NOT_FOUND
    CONFIGURATION_SET_NOT_FOUND
    RESOURCE_NOT_FOUND
    CONFLICT
    SPEND_LIMIT_REACHED
    PROVIDER_QUOTA_EXCEEDED
    PROVIDER_ACCESS_DENIED
    PROVIDER_CREDENTIALS_MISSING
    THROTTLED
    PROVIDER_UNAVAILABLE
    PROVIDER_UNREACHABLE
    OUTCOME_UNKNOWN
    PROVIDER_ERROR
    EXPIRED_IN_QUEUE
    DESTINATION_UNREACHABLE
    BLOCKED_BY_CARRIER
    FLAGGED_AS_SPAM
    INVALID_DESTINATION
    INVALID_MESSAGE
    DELIVERY_EXPIRED
    DELIVERY_UNKNOWN
  }

  "Something the provider reported about a message after accepting it."
  type MmsEvent {
    "The provider's event type, e.g. MEDIA_DELIVERED."
    type: String!
    "The status this event moved the message to, if any."
    status: MmsStatus
    description: String
    carrier: String
    "Price in US dollars, as reported."
    priceUsd: String
    occurredAt: DateTime!
    receivedAt: DateTime!
  }

  "One HTTP request to the provider for a message."
  type MmsAttempt {
    number: Int!
    startedAt: DateTime!
    durationMs: Int!
    "ACCEPTED, REJECTED, RETRYABLE, THROTTLED or NO_RESPONSE (no answer recorded: the request may or may not have arrived)"
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
    "The protect configuration the message was sent under, if one was named."
    protectConfigurationId: String
    "Whether message feedback was asked for; null when not given."
    messageFeedbackEnabled: Boolean
    "Where this message's status changes are also posted, signed with the key's webhook secret."
    statusCallbackUrl: String
    context: JSONObject
    idempotencyKey: String
    "Why the message was not sent (FAILED, UNKNOWN) or not delivered (UNDELIVERED)."
    errorCode: MmsErrorCode
    "What errorCode means, written for the person who has to act on it."
    errorMessage: String
    attemptCount: Int!
    attempts: [MmsAttempt!]!
    "While QUEUED: when its next attempt is due."
    nextAttemptAt: DateTime
    "Delivery events, oldest first."
    events: [MmsEvent!]!
    "The price the provider reported, in US dollars."
    priceUsd: String
    "The destination's carrier, as reported in delivery events."
    carrier: String
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
    Validates, records and queues an MMS. Invalid input is refused with
    BAD_USER_INPUT and nothing is recorded. When the sending number has
    capacity, waits a few seconds at most (MMS_SEND_WAIT_MS) for the send and
    returns the message SENT with its messageId (or FAILED, UNKNOWN);
    otherwise returns it QUEUED at once, and mmsMessage shows what became of
    it.
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
      "A protect configuration's id or ARN, to apply its rules to this message."
      protectConfigurationId: String
      "Ask AWS to track feedback (PutMessageFeedback) for this message."
      messageFeedbackEnabled: Boolean
      "Up to 4 string pairs echoed in delivery events."
      context: JSONObject
      idempotencyKey: String
      "Also post this message's status changes here (https), signed like the API key's webhook; needs an API key with a webhook."
      statusCallbackUrl: String
    ): MmsMessage @requireAuth
  }
`
