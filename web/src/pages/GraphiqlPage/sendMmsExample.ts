/** The Redwood + Pinpoint guide's call, as the editor's first tab. */
export const SEND_MMS_DOCUMENT = `mutation SendMms($destinationPhoneNumber: String!, $mediaUrls: [String!], $messageBody: String) {
  sendMms(destinationPhoneNumber: $destinationPhoneNumber, mediaUrls: $mediaUrls, messageBody: $messageBody) {
    messageId
  }
}
`

/**
 * The local sandbox's success simulator and its sample image: a suggestion
 * that works with `npm start`; against real AWS the person puts their own.
 */
export const SANDBOX_VARIABLES = JSON.stringify(
  {
    destinationPhoneNumber: '+14254147755',
    mediaUrls: ['s3://mms-media-local/samples/sample.png'],
    messageBody: 'Hello from GraphiQL',
  },
  null,
  2
)
