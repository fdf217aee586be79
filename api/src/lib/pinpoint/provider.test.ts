import { once } from 'node:events'
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'

import { MMS_ERRORS } from '../mmsErrors'
import type { OutgoingMms } from '../mmsProvider'

import { createPinpointClient } from './client'
import { PinpointMmsProvider } from './provider'

// The real SDK client and HTTP handler against a local HTTP server that
// answers as AWS does, so the attempt recorder sees each request the SDK
// really makes.

const TIMEOUT_MS = 300

interface Received {
  target: string | undefined
  contentType: string | undefined
  body: unknown
}

type Answer = (response: ServerResponse) => void

let server: Server
let endpoint: string
let received: Received[] = []
let answer: Answer

const json =
  (status: number, body: unknown): Answer =>
  (response) => {
    response.writeHead(status, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': 'req-1',
    })
    response.end(JSON.stringify(body))
  }

const awsError = (status: number, type: string, extra = {}) =>
  json(status, {
    __type: `com.amazonaws.pinpointsmsvoicev2#${type}`,
    message: 'raw AWS text',
    ...extra,
  })

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({
        target: request.headers['x-amz-target'] as string | undefined,
        contentType: request.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      })
      answer(response)
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

beforeEach(() => {
  received = []
})

const providerAt = (url: string) =>
  new PinpointMmsProvider(
    createPinpointClient(
      {
        region: 'us-east-1',
        sendTimeoutMs: TIMEOUT_MS,
        connectTimeoutMs: TIMEOUT_MS,
      },
      { endpoint: url }
    )
  )

const MESSAGE: OutgoingMms = {
  recordId: 'msg-1',
  originationIdentity: '+18445550100',
  destinationPhoneNumber: '+12065550123',
  messageBody: 'Hello',
  mediaUrls: ['s3://mms-media-test/cat.png'],
  dryRun: false,
  configurationSetName: 'mms-events',
  context: { mmsMessageId: 'msg-1' },
}

describe('PinpointMmsProvider', () => {
  it('sends one SendMediaMessage request and records it as accepted', async () => {
    answer = json(200, { MessageId: 'pinpoint-1' })
    const outcome = await providerAt(endpoint).send(MESSAGE)

    expect(received).toEqual([
      {
        target: 'PinpointSMSVoiceV2.SendMediaMessage',
        contentType: 'application/x-amz-json-1.0',
        body: {
          DestinationPhoneNumber: '+12065550123',
          OriginationIdentity: '+18445550100',
          MessageBody: 'Hello',
          MediaUrls: ['s3://mms-media-test/cat.png'],
          ConfigurationSetName: 'mms-events',
          Context: { mmsMessageId: 'msg-1' },
        },
      },
    ])
    expect(outcome).toEqual({
      status: 'SENT',
      providerMessageId: 'pinpoint-1',
      attempts: [
        {
          number: 1,
          startedAt: expect.any(Date),
          durationMs: expect.any(Number),
          outcome: 'ACCEPTED',
          httpStatus: 200,
        },
      ],
    })
  })

  it.each([
    [
      'a ThrottlingException (400) as THROTTLED, for the queue to retry uncounted',
      awsError(400, 'ThrottlingException'),
      {
        outcome: 'THROTTLED',
        httpStatus: 400,
        errorCode: 'ThrottlingException',
      },
      { status: 'FAILED', code: 'THROTTLED', retry: 'THROTTLED' },
    ],
    [
      'an InternalServerException (500) as RETRYABLE',
      awsError(500, 'InternalServerException'),
      {
        outcome: 'RETRYABLE',
        httpStatus: 500,
        errorCode: 'InternalServerException',
      },
      { status: 'FAILED', code: 'PROVIDER_UNAVAILABLE', retry: 'TRANSIENT' },
    ],
    [
      'a ValidationException (400) as REJECTED, never retried',
      awsError(400, 'ValidationException', {
        Reason: 'MEDIA_TYPE_NOT_SUPPORTED',
      }),
      {
        outcome: 'REJECTED',
        httpStatus: 400,
        errorCode: 'ValidationException',
      },
      { status: 'FAILED', code: 'MEDIA_TYPE_NOT_SUPPORTED', retry: undefined },
    ],
  ] as const)(
    'makes exactly one request and records %s',
    async (_, reply, attempt, expected) => {
      answer = reply
      const outcome = await providerAt(endpoint).send(MESSAGE)

      expect(received).toHaveLength(1)
      expect(outcome.attempts).toEqual([
        {
          number: 1,
          startedAt: expect.any(Date),
          durationMs: expect.any(Number),
          ...attempt,
        },
      ])
      expect(outcome).toMatchObject({
        status: expected.status,
        error: { code: expected.code, message: MMS_ERRORS[expected.code] },
      })
      expect(outcome.status !== 'SENT' && outcome.retry).toBe(
        expected.retry ?? undefined
      )
    }
  )

  it('records a request left unanswered as NO_RESPONSE, an unknown outcome, after one request', async () => {
    answer = () => {
      // Never answers: the handler's requestTimeout must end the call.
    }
    const started = Date.now()
    const outcome = await providerAt(endpoint).send(MESSAGE)

    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 5)
    expect(received).toHaveLength(1)
    expect(outcome).toEqual({
      status: 'UNKNOWN',
      error: { code: 'OUTCOME_UNKNOWN', message: MMS_ERRORS.OUTCOME_UNKNOWN },
      attempts: [
        {
          number: 1,
          startedAt: expect.any(Date),
          durationMs: expect.any(Number),
          outcome: 'NO_RESPONSE',
          errorCode: 'TimeoutError',
        },
      ],
    })
    expect(outcome.attempts[0].durationMs).toBeGreaterThanOrEqual(
      TIMEOUT_MS - 5
    )
  })

  it('records a refused connection as RETRYABLE: nothing reached AWS', async () => {
    // Node raises socket errors in its own realm, where jest's `instanceof
    // Error` fails and the SDK would wrap them; this handler raises the same
    // error as Node does, from the test's realm.
    const refused = Object.assign(
      new Error('connect ECONNREFUSED 127.0.0.1:9'),
      { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' }
    )
    const handle = jest.fn().mockRejectedValue(refused)
    const provider = new PinpointMmsProvider(
      createPinpointClient(
        {
          region: 'us-east-1',
          sendTimeoutMs: TIMEOUT_MS,
          connectTimeoutMs: TIMEOUT_MS,
        },
        { endpoint, requestHandler: { handle } }
      )
    )

    const outcome = await provider.send(MESSAGE)

    expect(handle).toHaveBeenCalledTimes(1)
    expect(outcome).toEqual({
      status: 'FAILED',
      error: {
        code: 'PROVIDER_UNREACHABLE',
        message: MMS_ERRORS.PROVIDER_UNREACHABLE,
      },
      retry: 'TRANSIENT',
      attempts: [
        {
          number: 1,
          startedAt: expect.any(Date),
          durationMs: expect.any(Number),
          outcome: 'RETRYABLE',
          errorCode: 'Error',
        },
      ],
    })
  })

  it('answers UNKNOWN for a 200 without a MessageId: accepted, but not trackable', async () => {
    answer = json(200, {})
    const outcome = await providerAt(endpoint).send(MESSAGE)
    expect(outcome).toMatchObject({
      status: 'UNKNOWN',
      error: { code: 'OUTCOME_UNKNOWN' },
      attempts: [{ outcome: 'ACCEPTED', httpStatus: 200 }],
    })
  })
})
