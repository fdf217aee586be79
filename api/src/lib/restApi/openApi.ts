import {
  CONTEXT_KEY_MAX_LENGTH,
  CONTEXT_MAX_CALLER_PAIRS,
  CONTEXT_VALUE_MAX_LENGTH,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  MAX_MEDIA_FILES,
  MAX_PRICE_PATTERN,
  MEDIA_URI_MAX_LENGTH,
  MESSAGE_BODY_MAX_LENGTH,
  PHONE_NUMBER_EXAMPLE,
  RESOURCE_NAME_PATTERN,
  TIME_TO_LIVE_MAX_SECONDS,
  TIME_TO_LIVE_MIN_SECONDS,
} from '@mms/rules'

import { MMS_STATUS } from 'src/lib/messageStatus'
import { MMS_ERRORS } from 'src/lib/mmsErrors'

import {
  statusesAnsweredWith,
  type MessageEventView,
  type MessageView,
} from './responses'
import { restErrorCodesWith, type RestErrorCode } from './restError'
import type { SendMmsField } from './sendMmsBody'

// The parts of OpenAPI 3.1 this document uses. Its schemas are JSON Schema
// 2020-12, so any 2020-12 validator checks a body against them.

type JsonType =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'array'
  | 'null'

export interface JsonSchema {
  $ref?: string
  type?: JsonType | JsonType[]
  const?: unknown
  enum?: readonly unknown[]
  description?: string
  format?: 'date-time'
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  properties?: Record<string, JsonSchema>
  required?: readonly string[]
  additionalProperties?: boolean | JsonSchema
  propertyNames?: JsonSchema
  maxProperties?: number
  if?: JsonSchema
  then?: JsonSchema
  examples?: readonly unknown[]
}

export interface HeaderObject {
  description: string
  required?: boolean
  schema: JsonSchema
}

export interface MediaTypeObject {
  schema: JsonSchema
  examples?: Record<string, { summary: string; value: unknown }>
}

export interface ResponseObject {
  description: string
  headers?: Record<string, HeaderObject>
  content?: Record<string, MediaTypeObject>
}

export interface ParameterObject {
  name: string
  in: 'header' | 'path' | 'query'
  required?: boolean
  description: string
  schema: JsonSchema
}

export type SecurityRequirement = Record<string, string[]>

export interface OperationObject {
  operationId: string
  summary: string
  description: string
  security?: SecurityRequirement[]
  parameters?: ParameterObject[]
  requestBody?: {
    required: boolean
    content: Record<string, MediaTypeObject>
  }
  responses: Record<string, ResponseObject>
}

export type HttpMethodName = 'get' | 'post'

export interface OpenApiDocument {
  openapi: '3.1.0'
  jsonSchemaDialect: string
  info: { title: string; version: string; description: string }
  security: SecurityRequirement[]
  paths: Record<string, Partial<Record<HttpMethodName, OperationObject>>>
  components: {
    schemas: Record<string, JsonSchema>
    securitySchemes: Record<
      string,
      { type: 'http'; scheme: 'bearer'; description: string }
    >
  }
}

const ref = (name: string): JsonSchema => ({
  $ref: `#/components/schemas/${name}`,
})
const nullable = (type: JsonType): JsonType[] => [type, 'null']
const dateTime = (description: string, orNull = false): JsonSchema => ({
  type: orNull ? nullable('string') : 'string',
  format: 'date-time',
  description,
})

const json = (schema: JsonSchema): Record<string, MediaTypeObject> => ({
  'application/json': { schema },
})

const answer = (
  description: string,
  schema: string,
  headers?: Record<string, HeaderObject>
): ResponseObject => ({
  description,
  ...(headers ? { headers } : {}),
  content: json(ref(schema)),
})

/** An error answer's schema: `{ success: false, code, message }` and its own fields. */
const errorSchema = (
  description: string,
  codes: readonly string[],
  extra: Pick<JsonSchema, 'properties' | 'required' | 'if' | 'then'> = {}
): JsonSchema => ({
  type: 'object',
  description,
  properties: {
    success: { const: false },
    code: { enum: codes, description: 'Stable: branch on this.' },
    message: {
      type: 'string',
      description: 'What went wrong and what to do, for a person to read.',
    },
    ...extra.properties,
  },
  required: ['success', 'code', 'message', ...(extra.required ?? [])],
  ...(extra.if ? { if: extra.if, then: extra.then } : {}),
})

const codesWith = (status: number): RestErrorCode[] =>
  restErrorCodesWith(status)

const messageStatuses = Object.keys(MMS_STATUS)
const messageErrorCodes = Object.keys(MMS_ERRORS)

const SEND_MMS_REQUEST_PROPERTIES: Record<SendMmsField, JsonSchema> = {
  destinationPhoneNumber: {
    type: 'string',
    description:
      'The number to send to, in international format; spaces, dashes and brackets are allowed and removed (e.g. "+1 (206) 555-0123"). It must be in a country the service allows (MMS_ALLOWED_COUNTRIES, default US and CA).',
    examples: [PHONE_NUMBER_EXAMPLE],
  },
  messageBody: {
    type: nullable('string'),
    maxLength: MESSAGE_BODY_MAX_LENGTH,
    description: `The text, up to ${MESSAGE_BODY_MAX_LENGTH} characters (an emoji counts as one), not only whitespace. Give a body, a media file, or both.`,
  },
  mediaUrl: {
    type: nullable('string'),
    maxLength: MEDIA_URI_MAX_LENGTH,
    description:
      "One media file as s3://bucket/key (the seed guides' field): your own upload (createMediaUpload) or a shared file, in the service's bucket. Give mediaUrl or mediaUrls, not both.",
  },
  mediaUrls: {
    type: nullable('array'),
    items: { type: 'string', maxLength: MEDIA_URI_MAX_LENGTH },
    maxItems: MAX_MEDIA_FILES,
    description: `The media files as s3:// URIs (sendMms's argument); at most ${MAX_MEDIA_FILES}.`,
  },
  dryRun: {
    type: nullable('boolean'),
    description: 'Ask AWS to check the message without sending it.',
  },
  timeToLive: {
    type: nullable('integer'),
    minimum: TIME_TO_LIVE_MIN_SECONDS,
    maximum: TIME_TO_LIVE_MAX_SECONDS,
    description: 'Seconds the provider may keep trying to deliver.',
  },
  maxPrice: {
    type: nullable('string'),
    pattern: MAX_PRICE_PATTERN.source,
    description: 'Most to pay per message, in US dollars, e.g. "0.05".',
  },
  configurationSetName: {
    type: nullable('string'),
    pattern: RESOURCE_NAME_PATTERN.source,
    description:
      "Name or ARN of the AWS configuration set; the service's own (MMS_CONFIGURATION_SET_NAME) when not given.",
  },
  protectConfigurationId: {
    type: nullable('string'),
    pattern: RESOURCE_NAME_PATTERN.source,
    description:
      'Id or ARN of an AWS protect configuration whose rules apply to this message (ProtectConfigurationId).',
  },
  messageFeedbackEnabled: {
    type: nullable('boolean'),
    description:
      'Ask AWS to track feedback for this message (MessageFeedbackEnabled).',
  },
  statusCallbackUrl: {
    type: nullable('string'),
    description:
      "Also post this message's status changes here (https), signed with the API key's webhook secret; the key must have a webhook.",
  },
  context: {
    type: nullable('object'),
    maxProperties: CONTEXT_MAX_CALLER_PAIRS,
    propertyNames: {
      minLength: 1,
      maxLength: CONTEXT_KEY_MAX_LENGTH,
      pattern: '^\\S+$',
    },
    additionalProperties: {
      type: 'string',
      minLength: 1,
      maxLength: CONTEXT_VALUE_MAX_LENGTH,
    },
    description: `Up to ${CONTEXT_MAX_CALLER_PAIRS} string pairs echoed in delivery events (a fifth carries the message id). Values have no leading or trailing whitespace.`,
  },
  idempotencyKey: {
    type: nullable('string'),
    minLength: 1,
    maxLength: IDEMPOTENCY_KEY_MAX_LENGTH,
    description:
      'The same as the Idempotency-Key header; give either, or the same key in both.',
  },
}

const MESSAGE_EVENT_PROPERTIES: Record<keyof MessageEventView, JsonSchema> = {
  type: {
    type: 'string',
    description: "The provider's event type, e.g. MEDIA_DELIVERED.",
  },
  status: {
    enum: [...messageStatuses, null],
    description: 'The status this event moved the message to, if any.',
  },
  description: { type: nullable('string') },
  carrier: { type: nullable('string') },
  priceUsd: { type: nullable('string') },
  occurredAt: dateTime('When it happened, as the provider reported.'),
}

const MESSAGE_PROPERTIES: Record<keyof MessageView, JsonSchema> = {
  success: { const: true },
  id: { type: 'string' },
  messageId: {
    type: nullable('string'),
    description: "The provider's id, once it accepted the message.",
  },
  status: {
    enum: messageStatuses,
    description:
      'QUEUED, SENDING, SENT, FAILED, UNKNOWN, DELIVERED or UNDELIVERED; it moves forward only.',
  },
  errorCode: { enum: [...messageErrorCodes, null] },
  errorMessage: { type: nullable('string') },
  destinationPhoneNumber: { type: 'string', description: 'E.164.' },
  originationIdentity: { type: 'string' },
  messageBody: { type: nullable('string') },
  mediaUrls: { type: 'array', items: { type: 'string' } },
  dryRun: { type: 'boolean' },
  timeToLive: { type: nullable('integer') },
  maxPrice: { type: nullable('string') },
  configurationSetName: { type: nullable('string') },
  protectConfigurationId: { type: nullable('string') },
  messageFeedbackEnabled: { type: nullable('boolean') },
  statusCallbackUrl: { type: nullable('string') },
  context: {
    type: nullable('object'),
    additionalProperties: { type: 'string' },
  },
  idempotencyKey: { type: nullable('string') },
  attemptCount: {
    type: 'integer',
    minimum: 0,
    description: 'Requests made to the provider for it.',
  },
  nextAttemptAt: dateTime('While QUEUED: when its next attempt is due.', true),
  priceUsd: {
    type: nullable('string'),
    description: 'The price the provider reported, in US dollars.',
  },
  carrier: { type: nullable('string') },
  createdAt: dateTime('When it was recorded.'),
  updatedAt: dateTime('When it last changed.'),
  sentAt: dateTime('When the provider accepted it.', true),
  events: {
    type: 'array',
    description: 'Delivery events, oldest first.',
    items: ref('MessageEvent'),
  },
}

const RETRY_AFTER: HeaderObject = {
  description: 'Whole seconds until the same request can succeed.',
  required: true,
  schema: { type: 'integer', minimum: 1 },
}

const WWW_AUTHENTICATE: HeaderObject = {
  description: 'The bearer challenge (RFC 6750).',
  required: true,
  schema: { type: 'string' },
}

const BEARER = 'apiKey'

/**
 * The REST api (`POST /send-mms`, `GET /messages/{id}`) as an OpenAPI 3.1
 * document, served at `GET /openapi.json`. Its enums are read from the same
 * constants the handlers use, and a test checks every real answer against it.
 */
export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
  info: {
    title: 'MMS sender REST API',
    version: '1.0.0',
    description:
      'Send MMS through AWS End User Messaging and read what became of each message. The same rules, sending limits and queue as the GraphQL sendMms mutation. Paths are relative to the api server (port 8911 locally), or to /.redwood/functions through the web server.',
  },
  security: [{ [BEARER]: [] }],
  paths: {
    '/send-mms': {
      post: {
        operationId: 'sendMms',
        summary: 'Send an MMS',
        description:
          "Validates, records and queues a message, and waits a few seconds at most for it to be sent. 200: the provider accepted it (messageId is its id). 202: it is queued; GET /messages/{id} shows what became of it. 502: it was recorded, but the provider refused it or did not answer (code is the message's errorCode; UNKNOWN may still have been sent, and is never resent). Nothing is recorded for a 4xx or 503. A repeat with the same Idempotency-Key returns the first message, as it now stands, and sends nothing.",
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: `1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters (a UUID works well). A repeat returns the first message; the same key with a different request is refused (409).`,
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: IDEMPOTENCY_KEY_MAX_LENGTH,
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: ref('SendMmsRequest'),
              examples: {
                guide: {
                  summary: "The seed guides' body (Next.js and Express)",
                  value: {
                    destinationPhoneNumber: PHONE_NUMBER_EXAMPLE,
                    messageBody: 'Hello from the MMS sender',
                    mediaUrl: 's3://my-mms-bucket/samples/cat.png',
                  },
                },
                everything: {
                  summary: 'Every optional field',
                  value: {
                    destinationPhoneNumber: PHONE_NUMBER_EXAMPLE,
                    messageBody: 'Your order shipped',
                    mediaUrls: ['s3://my-mms-bucket/samples/cat.png'],
                    dryRun: false,
                    timeToLive: 3600,
                    maxPrice: '0.05',
                    configurationSetName: 'mms-events',
                    protectConfigurationId: 'protect-0123456789abcdef',
                    messageFeedbackEnabled: true,
                    context: { orderId: '42' },
                    idempotencyKey: '6f1c7a52-3f7e-4c52-9d0e-0c6b1f2f9a10',
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': answer(
            'Sent: the provider accepted the message.',
            'SendMmsSent'
          ),
          '202': answer(
            'Queued: recorded, and sent when its turn comes.',
            'SendMmsQueued'
          ),
          '400': answer(
            "Invalid input (BAD_USER_INPUT, with every field's reasons), a body that is not a JSON object (INVALID_JSON), or not sent as application/json (UNSUPPORTED_CONTENT_TYPE). Nothing was recorded.",
            'BadRequest'
          ),
          '401': answer(
            'No API key, or one that is not valid, revoked, or of a disabled account.',
            'Unauthenticated',
            { 'WWW-Authenticate': WWW_AUTHENTICATE }
          ),
          '409': answer(
            'The Idempotency-Key was already used for a different request.',
            'IdempotencyKeyReused'
          ),
          '429': answer(
            'A sending limit was reached; nothing was recorded. Retry after Retry-After seconds (retryAt).',
            'SendLimited',
            { 'Retry-After': RETRY_AFTER }
          ),
          '500': answer('An unexpected failure on our side.', 'InternalError'),
          '502': answer(
            'Recorded, but the provider refused the message (FAILED) or did not answer (UNKNOWN).',
            'ProviderFailure'
          ),
          '503': answer(
            'The media file could not be checked in S3 just now; nothing was recorded. Try again shortly.',
            'MediaCheckUnavailable'
          ),
        },
      },
    },
    '/messages/{id}': {
      get: {
        operationId: 'getMessage',
        summary: 'Read a message',
        description:
          "One of your messages: its status, error, attempts and delivery events. Anyone else's id is answered exactly as a missing one.",
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            description:
              "The id POST /send-mms answered (not the provider's messageId).",
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': answer('The message.', 'Message'),
          '401': answer(
            'No API key, or one that is not valid, revoked, or of a disabled account.',
            'Unauthenticated',
            { 'WWW-Authenticate': WWW_AUTHENTICATE }
          ),
          '404': answer('No message of yours has this id.', 'NotFound'),
          '500': answer('An unexpected failure on our side.', 'InternalError'),
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        description: 'The OpenAPI 3.1 document of this API. Public.',
        security: [],
        responses: {
          '200': {
            description: 'The document.',
            content: json({
              type: 'object',
              properties: {
                openapi: { const: '3.1.0' },
                info: { type: 'object' },
                paths: { type: 'object' },
              },
              required: ['openapi', 'info', 'paths'],
            }),
          },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      [BEARER]: {
        type: 'http',
        scheme: 'bearer',
        description:
          'An API key (mms_<prefix>_<secret>) from the API keys page or `yarn rw exec apiKey`, sent as Authorization: Bearer <key>. Session cookies are not accepted here.',
      },
    },
    schemas: {
      SendMmsRequest: {
        type: 'object',
        properties: SEND_MMS_REQUEST_PROPERTIES,
        required: ['destinationPhoneNumber'],
        additionalProperties: false,
      },
      SendMmsSent: {
        type: 'object',
        properties: {
          success: { const: true },
          id: { type: 'string', description: 'Our id of the message.' },
          messageId: {
            type: nullable('string'),
            description:
              "The provider's id of the message (Pinpoint MessageId).",
          },
          status: { enum: statusesAnsweredWith(200) },
        },
        required: ['success', 'id', 'messageId', 'status'],
        additionalProperties: false,
      },
      SendMmsQueued: {
        type: 'object',
        properties: {
          success: { const: true },
          id: { type: 'string', description: 'Our id of the message.' },
          messageId: {
            type: 'null',
            description: 'Null until the provider accepts the message.',
          },
          status: { enum: statusesAnsweredWith(202) },
        },
        required: ['success', 'id', 'messageId', 'status'],
        additionalProperties: false,
      },
      ProviderFailure: errorSchema(
        'The message was recorded but not (certainly) sent. code is its errorCode.',
        messageErrorCodes,
        {
          properties: {
            id: { type: 'string' },
            messageId: { type: nullable('string') },
            status: { enum: statusesAnsweredWith(502) },
          },
          required: ['id', 'messageId', 'status'],
        }
      ),
      BadRequest: errorSchema(
        'The request was refused as it is.',
        codesWith(400),
        {
          properties: {
            fields: {
              type: 'object',
              description: 'For BAD_USER_INPUT: each refused field and why.',
              additionalProperties: {
                type: 'array',
                items: { type: 'string' },
                minItems: 1,
              },
            },
          },
          if: { properties: { code: { const: 'BAD_USER_INPUT' } } },
          then: {
            properties: { fields: { type: 'object' } },
            required: ['fields'],
          },
        }
      ),
      Unauthenticated: errorSchema('Not signed in.', codesWith(401)),
      NotFound: errorSchema('No such message or endpoint.', codesWith(404)),
      MethodNotAllowed: errorSchema(
        'The endpoint does not take this method (see the Allow header).',
        codesWith(405)
      ),
      IdempotencyKeyReused: errorSchema(
        'The key was used for a different request.',
        codesWith(409)
      ),
      SendLimited: errorSchema('A sending limit was reached.', codesWith(429), {
        properties: {
          scope: {
            enum: ['USER', 'API_KEY'],
            description: "Whose limit: the account's or this API key's.",
          },
          limit: {
            type: 'integer',
            description:
              'Messages allowed per minute (RATE_LIMITED) or per UTC day (QUOTA_EXCEEDED).',
          },
          retryAfterSeconds: { type: 'integer', minimum: 1 },
          retryAt: dateTime('When the same request can succeed.'),
        },
        required: ['scope', 'limit', 'retryAfterSeconds', 'retryAt'],
      }),
      InternalError: errorSchema('An unexpected failure.', codesWith(500)),
      MediaCheckUnavailable: errorSchema(
        'S3 could not be asked about the media file.',
        codesWith(503)
      ),
      Message: {
        type: 'object',
        properties: MESSAGE_PROPERTIES,
        required: Object.keys(MESSAGE_PROPERTIES),
        additionalProperties: false,
      },
      MessageEvent: {
        type: 'object',
        properties: MESSAGE_EVENT_PROPERTIES,
        required: Object.keys(MESSAGE_EVENT_PROPERTIES),
        additionalProperties: false,
      },
    },
  },
}
