/**
 * The bare endpoint the send benchmark measures sendMms against: what the
 * seed guides' Express handler does, on Node's own HTTP server. Per POST it
 * makes one SendMediaMessage call with the SDK's defaults and answers its
 * MessageId; no database, no checks, no queue. Its AWS settings (region,
 * credentials, AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2) come from the
 * environment, as the api's do.
 *
 *   BARE_PORT=4000 PINPOINT_ORIGINATION_NUMBER=+18445550100 node_modules/.bin/tsx bench/bare-endpoint.ts
 */
import http from 'node:http'

import {
  PinpointSMSVoiceV2Client,
  SendMediaMessageCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'

interface SendBody {
  destinationPhoneNumber: string
  messageBody?: string
  mediaUrls?: string[]
}

const client = new PinpointSMSVoiceV2Client({})
const originationIdentity = process.env.PINPOINT_ORIGINATION_NUMBER

const answer = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

const server = http.createServer(async (req, res) => {
  if (req.method !== 'POST') {
    answer(res, 405, { success: false })
    return
  }
  let raw = ''
  for await (const chunk of req) raw += chunk
  try {
    const body = JSON.parse(raw) as SendBody
    const { MessageId } = await client.send(
      new SendMediaMessageCommand({
        DestinationPhoneNumber: body.destinationPhoneNumber,
        OriginationIdentity: originationIdentity,
        MessageBody: body.messageBody,
        MediaUrls: body.mediaUrls,
      })
    )
    answer(res, 200, { success: true, messageId: MessageId })
  } catch (error) {
    answer(res, 500, { success: false, error: (error as Error).name })
  }
})

server.listen(Number(process.env.BARE_PORT), '127.0.0.1')
