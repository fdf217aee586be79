import { Readable } from 'node:stream'

import type { PinpointSMSVoiceV2ClientConfig } from '@aws-sdk/client-pinpoint-sms-voice-v2'
import { HttpResponse } from '@smithy/core/transport'
import type { HttpRequest } from '@smithy/types'

type HttpHandler = Exclude<
  PinpointSMSVoiceV2ClientConfig['requestHandler'],
  undefined
>

const decode = (body: unknown): string =>
  ArrayBuffer.isView(body) ? new TextDecoder().decode(body) : String(body)

/** One scripted answer: an HTTP response, or an error thrown by the transport. */
export type StubReply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { error: Error }

/** What reached the transport: one entry per HTTP attempt. */
export interface StubCall {
  target: string | undefined
  body: unknown
}

/**
 * An SDK request handler that answers from a script instead of the network,
 * so the SDK's own middleware (serialisation, retries, error parsing) runs
 * for real in fast tests.
 */
export const stubTransport = (replies: StubReply[]) => {
  const calls: StubCall[] = []
  const handler: HttpHandler = {
    async handle(request: HttpRequest) {
      calls.push({
        target: request.headers['x-amz-target'],
        body: request.body ? JSON.parse(decode(request.body)) : undefined,
      })
      const reply = replies[Math.min(calls.length - 1, replies.length - 1)]
      if ('error' in reply) {
        throw reply.error
      }
      return {
        response: new HttpResponse({
          statusCode: reply.status,
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amzn-requestid': `req-${calls.length}`,
            ...reply.headers,
          },
          body: Readable.from([Buffer.from(JSON.stringify(reply.body ?? {}))]),
        }),
      }
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  }
  return { handler, calls }
}

/** An AWS JSON 1.0 error response, as Pinpoint SMS and Voice v2 sends it. */
export const awsError = (
  name: string,
  status: number,
  members: Record<string, unknown> = {}
): StubReply => ({
  status,
  headers: { 'x-amzn-errortype': name },
  body: {
    __type: `com.amazonaws.pinpointsmsvoicev2#${name}`,
    Message: `raw AWS text for ${name}`,
    ...members,
  },
})

export const networkError = (code: string, name = 'Error'): StubReply => ({
  error: Object.assign(new Error(`${code} from the stub transport`), {
    code,
    name,
  }),
})
