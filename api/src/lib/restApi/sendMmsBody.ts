import {
  FieldValidationError,
  type FieldMessages,
} from 'src/lib/fieldValidationError'
import {
  IdempotencyKeyReusedError,
  type SendMmsInput,
} from 'src/lib/sendRequest'

import { bodyTextOf, headerOf, type RestEvent } from './http'
import { RestError } from './restError'

type FieldKind = 'string' | 'strings' | 'number' | 'boolean' | 'any'

/**
 * The JSON fields of `POST /send-mms`: sendMms's arguments, plus the seed
 * guides' single `mediaUrl`. Only their JSON types are checked here (GraphQL's
 * schema does that for the mutation); every rule is sendMms's own. Listing
 * every argument of SendMmsInput is enforced by the type.
 */
export const SEND_MMS_FIELDS = {
  destinationPhoneNumber: 'string',
  messageBody: 'string',
  mediaUrl: 'string',
  mediaUrls: 'strings',
  dryRun: 'boolean',
  timeToLive: 'number',
  maxPrice: 'string',
  configurationSetName: 'string',
  protectConfigurationId: 'string',
  messageFeedbackEnabled: 'boolean',
  // An object of string pairs: checkContext says what is wrong with anything else.
  context: 'any',
  idempotencyKey: 'string',
  statusCallbackUrl: 'string',
} as const satisfies Record<keyof SendMmsInput | 'mediaUrl', FieldKind>

export type SendMmsField = keyof typeof SEND_MMS_FIELDS

const TYPE_MESSAGES: Record<Exclude<FieldKind, 'any'>, string> = {
  string: 'Must be a string.',
  strings: 'Must be a list of strings.',
  number: 'Must be a number.',
  boolean: 'Must be true or false.',
}

const hasKind = (value: unknown, kind: FieldKind) => {
  switch (kind) {
    case 'strings':
      return (
        Array.isArray(value) && value.every((item) => typeof item === 'string')
      )
    case 'any':
      return true
    default:
      return typeof value === kind
  }
}

const isField = (name: string): name is SendMmsField =>
  Object.prototype.hasOwnProperty.call(SEND_MMS_FIELDS, name)

const isJsonContentType = (contentType: string | undefined) =>
  contentType?.split(';')[0].trim().toLowerCase() === 'application/json'

/** The body as a JSON object, or the refusal a client can act on. */
const jsonObjectOf = (event: RestEvent): Record<string, unknown> => {
  if (!isJsonContentType(headerOf(event, 'Content-Type'))) {
    throw new RestError(
      'UNSUPPORTED_CONTENT_TYPE',
      'Send the body as JSON, with Content-Type: application/json.'
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(bodyTextOf(event))
  } catch {
    throw new RestError('INVALID_JSON', 'The body is not valid JSON.')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RestError(
      'INVALID_JSON',
      'The body must be a JSON object, e.g. {"destinationPhoneNumber": "+12065550123", "messageBody": "Hello"}.'
    )
  }
  return parsed as Record<string, unknown>
}

export interface SendMmsBody {
  input: SendMmsInput
  /** The media field the caller used, to name it in refusals. */
  mediaField: 'mediaUrl' | 'mediaUrls'
}

/**
 * Reads a `POST /send-mms` request into sendMms's arguments: a JSON object of
 * SEND_MMS_FIELDS (null is the same as absent), and the `Idempotency-Key`
 * header. Every problem with the fields is reported at once, as sendMms does.
 */
export const parseSendMmsBody = (event: RestEvent): SendMmsBody => {
  const body = jsonObjectOf(event)
  const problems: FieldMessages = {}
  const fail = (field: string, message: string) =>
    (problems[field] ??= []).push(message)

  const given: Partial<Record<SendMmsField, unknown>> = {}
  for (const [name, value] of Object.entries(body)) {
    if (!isField(name)) {
      fail(
        name,
        `Unknown field. The fields are ${Object.keys(SEND_MMS_FIELDS).join(', ')}.`
      )
    } else if (value !== null && value !== undefined) {
      if (hasKind(value, SEND_MMS_FIELDS[name])) {
        given[name] = value
      } else {
        fail(name, TYPE_MESSAGES[SEND_MMS_FIELDS[name] as 'string'])
      }
    }
  }

  if (
    given.destinationPhoneNumber === undefined &&
    !problems.destinationPhoneNumber
  ) {
    fail(
      'destinationPhoneNumber',
      'Give the number to send to, in international format, e.g. +12065550123.'
    )
  }
  if (given.mediaUrl !== undefined && given.mediaUrls !== undefined) {
    fail('mediaUrl', 'Give mediaUrl or mediaUrls, not both.')
  }

  const header = headerOf(event, 'Idempotency-Key')
  if (
    header !== undefined &&
    given.idempotencyKey !== undefined &&
    header !== given.idempotencyKey
  ) {
    fail(
      'idempotencyKey',
      'The Idempotency-Key header and the idempotencyKey field differ: give one of them, or the same key in both.'
    )
  }

  if (Object.keys(problems).length > 0) {
    throw new FieldValidationError(problems)
  }

  const { mediaUrl, mediaUrls, idempotencyKey, ...rest } = given
  return {
    input: {
      ...(rest as Omit<SendMmsInput, 'mediaUrls' | 'idempotencyKey'>),
      mediaUrls:
        mediaUrl !== undefined ? [mediaUrl as string] : (mediaUrls as string[]),
      idempotencyKey: header ?? (idempotencyKey as string | undefined),
    },
    mediaField: mediaUrl !== undefined ? 'mediaUrl' : 'mediaUrls',
  }
}

/**
 * sendMms names its media argument mediaUrls; a caller who sent the guides'
 * mediaUrl gets its refusals under that name.
 */
export const inCallersTerms = (
  error: unknown,
  { mediaField }: Pick<SendMmsBody, 'mediaField'>
): unknown => {
  if (
    mediaField === 'mediaUrls' ||
    !(error instanceof FieldValidationError) ||
    error instanceof IdempotencyKeyReusedError ||
    !error.fieldMessages.mediaUrls
  ) {
    return error
  }
  const { mediaUrls, ...others } = error.fieldMessages
  return new FieldValidationError({ ...others, [mediaField]: mediaUrls })
}
