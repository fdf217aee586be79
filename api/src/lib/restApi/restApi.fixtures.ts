import type { AddressInfo } from 'node:net'

import {
  DescribePhoneNumbersCommand,
  PinpointSMSVoiceV2Client,
  SendMediaMessageCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020'
import { mockClient } from 'aws-sdk-client-mock'
import Fastify from 'fastify'

import { redwoodFastifyAPI } from '@redwoodjs/api-server/dist/plugins/api'
import { LAMBDA_FUNCTIONS } from '@redwoodjs/api-server/dist/plugins/lambdaLoader'

import { db } from 'src/lib/db'

import { configureRestApiServer } from './apiServer'
import type { RestEvent, RestResult } from './http'
import type { HttpMethodName, OpenApiDocument } from './openApi'

// Test support for the REST functions: the real api-server plugin on a free
// port, AWS mocks, and a client that checks every answer against the
// OpenAPI document.

export const BUCKET = 'mms-media-test' // api/jest.env.js
export const ORIGINATION = '+18445550100' // api/jest.env.js

/** A photo the user uploaded (createMediaUpload's key): theirs to send. */
export const photoOf = (userId: number, name = 'cat.png') =>
  `s3://${BUCKET}/uploads/${userId}/5d1c3b2a-9e8f-4a7b-8c6d-1e2f3a4b5c6d/${name}`

/**
 * Pinpoint and S3 answering as they would for a good send: the origination
 * rate comes from MMS_ORIGINATION_RATES (AWS reports none), every media
 * object is a 50 KB PNG, and every send is accepted.
 */
export const awsMocks = () => {
  const pinpoint = mockClient(PinpointSMSVoiceV2Client)
  const s3 = mockClient(S3Client)
  let sent = 0
  const reset = () => {
    pinpoint.reset()
    s3.reset()
    sent = 0
    pinpoint.on(DescribePhoneNumbersCommand).resolves({ PhoneNumbers: [] })
    pinpoint
      .on(SendMediaMessageCommand)
      .callsFake(async () => ({ MessageId: `pinpoint-${++sent}` }))
    s3.on(HeadObjectCommand).resolves({
      ContentType: 'image/png',
      ContentLength: 50_000,
    })
  }
  const sends = () =>
    pinpoint
      .commandCalls(SendMediaMessageCommand)
      .map((call) => call.args[0].input)
  return { pinpoint, s3, reset, sends }
}

type LambdaHandler = (event: RestEvent) => Promise<RestResult>

export interface RestServer {
  origin: string
  close: () => Promise<void>
}

/**
 * Redwood's own api-server plugin, as `rw serve` and `rw dev` run it, with
 * configureRestApiServer and the given functions, listening on a free port.
 * Requests take the real path: fastify's body parsing, the lambda event
 * Redwood builds, the function.
 */
export const startRestServer = async (
  functions: Record<string, LambdaHandler>,
  { configureServer = configureRestApiServer } = {}
): Promise<RestServer> => {
  const server = Fastify()
  // The plugin announces the functions it loads from dist/; there are none.
  const quiet = jest.spyOn(console, 'log').mockImplementation(() => {})
  try {
    await server.register(redwoodFastifyAPI, {
      redwood: {
        apiRootPath: '/',
        discoverFunctionsGlob: 'dist/no-functions-in-tests/*.js',
        configureServer,
      },
    })
  } finally {
    quiet.mockRestore()
  }
  Object.assign(LAMBDA_FUNCTIONS, functions)
  await server.listen({ host: '127.0.0.1', port: 0 })
  const { port } = server.server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const name of Object.keys(functions)) {
        delete LAMBDA_FUNCTIONS[name]
      }
      await server.close()
    },
  }
}

const RFC3339 =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i

// Answers that belong to no operation (a path or method that does not
// exist) still have a documented shape.
const SCHEMA_OF_UNROUTED: Record<number, string> = {
  404: 'NotFound',
  405: 'MethodNotAllowed',
}

export interface CheckedAnswer {
  status: number
  headers: Headers
  // Tests read any field of it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
  text: string
  /** The document's path template and the schema the body was checked with. */
  operation: string
}

/**
 * Checks bodies against the document with a JSON Schema 2020-12 validator:
 * the schema of the path template, method and status that answered, and
 * the headers that response declares required.
 */
export const openApiChecker = (document: OpenApiDocument) => {
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (value: string) =>
      RFC3339.test(value) && !Number.isNaN(Date.parse(value)),
  })
  // The document's own members are not schema keywords.
  ajv.addVocabulary([
    'openapi',
    'jsonSchemaDialect',
    'info',
    'security',
    'paths',
    'components',
  ])
  ajv.addSchema(document as object, 'openapi.json')
  const pointer = (...parts: string[]) =>
    parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')

  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(
      `^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}/?$`
    ),
  }))

  /** The document's answer for a request, or why there is none. */
  const responseFor = (
    method: HttpMethodName,
    path: string,
    status: number
  ) => {
    const template = templates.find(({ pattern }) =>
      pattern.test(path)
    )?.template
    const response =
      template && document.paths[template][method]?.responses[String(status)]
    if (template && response) {
      return {
        operation: `${method.toUpperCase()} ${template} ${status}`,
        ref: `openapi.json#/${pointer('paths', template, method, 'responses', String(status), 'content', 'application/json', 'schema')}`,
        headers: response.headers ?? {},
      }
    }
    const unrouted = SCHEMA_OF_UNROUTED[status]
    if (unrouted) {
      return {
        operation: `unrouted ${status}`,
        ref: `openapi.json#/components/schemas/${unrouted}`,
        headers: {},
      }
    }
    throw new Error(
      `${method.toUpperCase()} ${path} answered ${status}, which the OpenAPI document does not describe`
    )
  }

  const check = (
    method: HttpMethodName,
    path: string,
    status: number,
    headers: Headers,
    body: unknown
  ): string => {
    const expected = responseFor(method, path, status)
    const validate =
      ajv.getSchema(expected.ref) ?? ajv.compile({ $ref: expected.ref })
    if (!validate(body)) {
      throw new Error(
        `${expected.operation}: the body does not match the document:\n${ajv.errorsText(validate.errors as ErrorObject[], { separator: '\n' })}\n${JSON.stringify(body, null, 2)}`
      )
    }
    for (const [name, header] of Object.entries(expected.headers)) {
      if (header.required && !headers.has(name)) {
        throw new Error(`${expected.operation}: the ${name} header is missing`)
      }
    }
    return expected.operation
  }

  return { ajv, check, responseFor }
}

/**
 * fetch against a started server; every answer is checked against the
 * document before the test sees it, and the operation it matched is noted.
 */
export const restClient = (
  origin: string,
  checker: ReturnType<typeof openApiChecker>
) => {
  const seen = new Set<string>()
  const request = async (
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string } = {}
  ): Promise<CheckedAnswer> => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: init.headers,
      body: init.body,
    })
    const text = await response.text()
    const body = JSON.parse(text)
    const operation = checker.check(
      method.toLowerCase() as HttpMethodName,
      path,
      response.status,
      response.headers,
      body
    )
    seen.add(operation)
    return {
      status: response.status,
      headers: response.headers,
      body,
      text,
      operation,
    }
  }
  return { request, seen }
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` })

/** Waits until the queue is done with a message (neither QUEUED nor SENDING). */
export const settled = async (id: string, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const message = await db.mmsMessage.findUniqueOrThrow({ where: { id } })
    if (!['QUEUED', 'SENDING'].includes(message.status)) {
      return message
    }
    if (Date.now() > deadline) {
      throw new Error(`message ${id} is still ${message.status}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
