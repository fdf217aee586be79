import { SendMediaMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2'
import { HeadObjectCommand } from '@aws-sdk/client-s3'

import * as config from 'src/lib/config'
import { db } from 'src/lib/db'
import { openApiDocument } from 'src/lib/restApi'
import type { HttpMethodName } from 'src/lib/restApi/openApi'
import {
  ORIGINATION,
  awsMocks,
  bearer,
  openApiChecker,
  photoOf,
  restClient,
  startRestServer,
  type RestServer,
} from 'src/lib/restApi/restApi.fixtures'
import { createSendWorker, type SendWorker } from 'src/lib/sendQueue'

import { handler as messages } from '../messages/messages'
import { handler as sendMms } from '../send-mms/send-mms'

import { handler as openapi } from './openapi'
import { KEYS, type StandardScenario } from './openapi.scenarios'

process.env.MMS_ORIGINATION_RATES = `${ORIGINATION}=50`
process.env.MMS_WORKER_POLL_MS = '50'
jest.setTimeout(30_000)

const aws = awsMocks()
const checker = openApiChecker(openApiDocument)
let server: RestServer
let worker: SendWorker
let client: ReturnType<typeof restClient>

beforeAll(async () => {
  server = await startRestServer({ 'send-mms': sendMms, messages, openapi })
  client = restClient(server.origin, checker)
  worker = createSendWorker().start()
})

afterAll(async () => {
  await worker?.stop()
  await server?.close()
})

beforeEach(() => aws.reset())
afterEach(() => jest.restoreAllMocks())

const send = (body: unknown, key: string = KEYS.alice, headers = {}) =>
  client.request('POST', '/send-mms', {
    headers: { 'Content-Type': 'application/json', ...bearer(key), ...headers },
    body: JSON.stringify(body),
  })
const hello = { destinationPhoneNumber: '+12065550123', messageBody: 'Hello' }

/** Every operation and status the document describes, as the client names them. */
const documented = () =>
  Object.entries(openApiDocument.paths).flatMap(([template, item]) =>
    Object.entries(item).flatMap(([method, operation]) =>
      Object.keys(operation.responses).map(
        (status) => `${method.toUpperCase()} ${template} ${status}`
      )
    )
  )

describe('the OpenAPI document', () => {
  it('is served at /openapi.json by the api server and at /openapi by its function, the same document', async () => {
    const served = await client.request('GET', '/openapi.json')
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toMatch(/^application\/json/)
    expect(served.body).toEqual(JSON.parse(JSON.stringify(openApiDocument)))

    const fromFunction = await fetch(`${server.origin}/openapi`)
    expect(fromFunction.status).toBe(200)
    expect(await fromFunction.json()).toEqual(served.body)
  })

  it('is OpenAPI 3.1 with JSON Schema 2020-12, and every response of every operation has a schema that compiles', () => {
    expect(openApiDocument.openapi).toBe('3.1.0')
    expect(openApiDocument.jsonSchemaDialect).toBe(
      'https://json-schema.org/draft/2020-12/schema'
    )
    for (const [template, item] of Object.entries(openApiDocument.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const status of Object.keys(operation.responses)) {
          const { ref } = checker.responseFor(
            method as HttpMethodName,
            template.replace('{id}', 'x'),
            Number(status)
          )
          expect(checker.ajv.getSchema(ref)).toBeInstanceOf(Function)
        }
      }
    }
  })

  it('takes the seed guides’ body and every example it gives, and refuses unknown fields', () => {
    const validate = checker.ajv.getSchema(
      'openapi.json#/components/schemas/SendMmsRequest'
    )
    const content =
      openApiDocument.paths['/send-mms'].post.requestBody.content[
        'application/json'
      ]
    for (const { value } of Object.values(content.examples)) {
      expect(validate(value)).toBe(true)
    }
    expect(
      validate({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'Hello',
        mediaUrl: 's3://mms-media-test/samples/cat.png',
      })
    ).toBe(true)
    expect(validate({ ...hello, mediaURL: 's3://x/y' })).toBe(false)
    expect(validate({ messageBody: 'no number' })).toBe(false)
  })

  it('describes the bearer key as the security of both endpoints, and nothing else', () => {
    expect(openApiDocument.security).toEqual([{ apiKey: [] }])
    expect(openApiDocument.components.securitySchemes.apiKey).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    })
    expect(openApiDocument.paths['/openapi.json'].get.security).toEqual([])
  })
})

describe('every real answer matches the document', () => {
  scenario(
    'each documented status of each operation, produced for real and checked against its schema',
    async (scenario: StandardScenario) => {
      const photo = photoOf(scenario.user.alice.id)

      // POST /send-mms
      expect((await send({ ...hello, mediaUrl: photo })).status).toBe(200)
      expect((await send({ destinationPhoneNumber: 'x' })).status).toBe(400)
      expect(
        (
          await client.request('POST', '/send-mms', {
            headers: {
              ...bearer(KEYS.alice),
              'Content-Type': 'application/json',
            },
            body: '{',
          })
        ).status
      ).toBe(400)
      expect((await send(hello, KEYS.aliceRevoked)).status).toBe(401)
      const key = { 'Idempotency-Key': 'contract-1' }
      expect((await send(hello, KEYS.alice, key)).status).toBe(200)
      expect(
        (await send({ ...hello, messageBody: 'Other' }, KEYS.alice, key)).status
      ).toBe(409)
      expect((await send(hello, KEYS.limited)).status).toBe(200)
      expect((await send(hello, KEYS.limited)).status).toBe(429)
      expect((await send(hello, KEYS.quota)).status).toBe(200)
      expect((await send(hello, KEYS.quota)).status).toBe(429)

      aws.pinpoint.on(SendMediaMessageCommand).rejects(
        Object.assign(new Error('timed out'), {
          name: 'TimeoutError',
          code: 'ETIMEDOUT',
        })
      )
      const unknown = await send(hello)
      expect(unknown.status).toBe(502)
      expect(unknown.body.status).toBe('UNKNOWN')

      // A file not checked before: one found moments ago is not asked about again.
      aws.s3.on(HeadObjectCommand).rejects(new Error('network down'))
      const unchecked = photoOf(scenario.user.alice.id, 'unchecked.png')
      expect((await send({ ...hello, mediaUrl: unchecked })).status).toBe(503)

      const actual = config.readMmsConfig()
      const configure = jest.spyOn(config, 'mmsConfig').mockReturnValue({
        ...actual,
        queue: { ...actual.queue, sendWaitMs: 0 },
      })
      const queued = await send(hello)
      expect(queued.status).toBe(202)
      configure.mockImplementation(() => {
        throw new Error('unexpected')
      })
      expect((await send(hello)).status).toBe(500)
      configure.mockRestore()

      // GET /messages/{id}
      expect(
        (
          await client.request('GET', `/messages/${queued.body.id}`, {
            headers: bearer(KEYS.alice),
          })
        ).status
      ).toBe(200)
      const delivered = await client.request(
        'GET',
        '/messages/rest-msg-alice',
        {
          headers: bearer(KEYS.alice),
        }
      )
      expect(delivered.body.events).toHaveLength(2)
      expect(
        (
          await client.request('GET', '/messages/rest-msg-alice', {
            headers: bearer(KEYS.bob),
          })
        ).status
      ).toBe(404)
      expect(
        (await client.request('GET', '/messages/rest-msg-alice')).status
      ).toBe(401)
      jest.spyOn(db.mmsEvent, 'findMany').mockRejectedValue(new Error('disk'))
      expect(
        (
          await client.request('GET', '/messages/rest-msg-alice', {
            headers: bearer(KEYS.alice),
          })
        ).status
      ).toBe(500)

      // GET /openapi.json
      expect((await client.request('GET', '/openapi.json')).status).toBe(200)

      // Paths and methods that are not operations have documented shapes too.
      expect((await client.request('GET', '/send-mms')).status).toBe(405)
      expect((await client.request('GET', '/messages')).status).toBe(404)

      expect(
        [...client.seen].filter((seen) => !seen.startsWith('unrouted')).sort()
      ).toEqual(documented().sort())
    }
  )

  scenario(
    'a 502 FAILED answer carries the message’s own error code from the closed set',
    async () => {
      aws.pinpoint.on(SendMediaMessageCommand).rejects(
        Object.assign(new Error('raw'), {
          name: 'AccessDeniedException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
        })
      )
      const answer = await send(hello)
      expect(answer.status).toBe(502)
      expect(answer.body).toMatchObject({
        status: 'FAILED',
        code: 'PROVIDER_ACCESS_DENIED',
      })
    }
  )
})

describe('the check itself', () => {
  const headers = new Headers({ 'content-type': 'application/json' })
  const sent = { success: true, id: 'm1', messageId: 'p1', status: 'SENT' }

  it('passes a body that matches', () => {
    expect(checker.check('post', '/send-mms', 200, headers, sent)).toBe(
      'POST /send-mms 200'
    )
  })

  it.each([
    ['a status the answer does not carry', 200, { ...sent, status: 'QUEUED' }],
    ['a field the schema does not have', 200, { ...sent, extra: 1 }],
    ['a missing field', 202, { success: true, id: 'm1', status: 'QUEUED' }],
    [
      'a code outside the closed set',
      502,
      {
        success: false,
        code: 'AWS_SAID_NO',
        message: 'x',
        id: 'm1',
        messageId: null,
        status: 'FAILED',
      },
    ],
    [
      'BAD_USER_INPUT without its fields',
      400,
      {
        success: false,
        code: 'BAD_USER_INPUT',
        message: 'x',
      },
    ],
    [
      'a retryAt that is not a date-time',
      429,
      {
        success: false,
        code: 'RATE_LIMITED',
        message: 'x',
        scope: 'USER',
        limit: 1,
        retryAfterSeconds: 5,
        retryAt: 'in a minute',
      },
    ],
  ])('refuses %s', (_name, status, body) => {
    expect(() =>
      checker.check(
        'post',
        '/send-mms',
        status,
        new Headers({ 'retry-after': '5' }),
        body
      )
    ).toThrow(/does not match the document/)
  })

  it('refuses a 429 without Retry-After, and a status the document does not describe', () => {
    const limited = {
      success: false,
      code: 'RATE_LIMITED',
      message: 'x',
      scope: 'USER',
      limit: 1,
      retryAfterSeconds: 5,
      retryAt: '2026-11-23T12:01:00.000Z',
    }
    expect(() =>
      checker.check('post', '/send-mms', 429, headers, limited)
    ).toThrow(/Retry-After header is missing/)
    expect(() => checker.check('post', '/send-mms', 418, headers, {})).toThrow(
      /does not describe/
    )
  })
})
