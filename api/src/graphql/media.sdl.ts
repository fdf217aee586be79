export const schema = gql`
  "Where and how to upload one media file before sending it."
  type MediaUpload {
    "PUT the file's bytes here, with the headers below, before expiresAt."
    uploadUrl: String!
    headers: JSONObject!
    "The S3 URI to pass in sendMms's mediaUrls once uploaded."
    mediaUrl: String!
    expiresAt: DateTime!
  }

  type Mutation {
    "Checks a file's type and size against the MMS limits and returns a presigned upload."
    createMediaUpload(
      contentType: String!
      sizeBytes: Int!
      fileName: String
    ): MediaUpload! @requireAuth
  }
`
