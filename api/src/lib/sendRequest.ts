import { createHash } from 'node:crypto'

import {
  MAX_MEDIA_FILES,
  checkConfigurationSetName,
  checkContext,
  checkDestinationCountry,
  checkDestinationPhoneNumber,
  checkIdempotencyKey,
  checkMaxPrice,
  checkMediaFile,
  checkMediaUri,
  checkMessageBody,
  checkProtectConfigurationId,
  checkTimeToLive,
  formatS3Uri,
  type RuleResult,
  type S3Location,
} from '@mms/rules'

import type { MmsConfig } from 'src/lib/config'
import {
  FieldValidationError,
  type FieldMessages,
} from 'src/lib/fieldValidationError'
import { mayUseMediaKey, unsafeKeyReason } from 'src/lib/mediaOwnership'
import { lookUpMediaObject } from 'src/lib/s3'

/** The arguments of `sendMms`, as a caller sends them. */
export interface SendMmsInput {
  destinationPhoneNumber: string
  mediaUrls?: string[] | null
  messageBody?: string | null
  dryRun?: boolean | null
  timeToLive?: number | null
  maxPrice?: string | null
  configurationSetName?: string | null
  protectConfigurationId?: string | null
  messageFeedbackEnabled?: boolean | null
  statusCallbackUrl?: string | null
  context?: Record<string, unknown> | null
  idempotencyKey?: string | null
}

/** A request that passed every check, in the form it is recorded and sent. */
export interface SendRequest {
  destinationPhoneNumber: string
  messageBody?: string
  media: S3Location[]
  dryRun: boolean
  timeToLive?: number
  maxPrice?: string
  configurationSetName?: string
  protectConfigurationId?: string
  messageFeedbackEnabled?: boolean
  /** As given; checked against the caller's webhook and resolved by lib/webhooks. */
  statusCallbackUrl?: string
  context?: Record<string, string>
  idempotencyKey?: string
}

class FieldChecks {
  readonly messages: FieldMessages = {}

  take<T>(field: string, result: RuleResult<T>): T | undefined {
    if ('message' in result) {
      this.fail(field, result.message)
      return undefined
    }
    return result.value
  }

  fail(field: string, message: string) {
    ;(this.messages[field] ??= []).push(message)
  }

  throwIfAny() {
    if (Object.keys(this.messages).length > 0) {
      throw new FieldValidationError(this.messages)
    }
  }
}

/**
 * Checks everything that can be checked without a network call and returns
 * the request normalised (E.164 number, parsed media locations).
 */
export const parseSendRequest = (
  input: SendMmsInput,
  config: Pick<MmsConfig, 'mediaBucket' | 'allowedCountries'>
): SendRequest => {
  const checks = new FieldChecks()
  const destinationPhoneNumber = checks.take(
    'destinationPhoneNumber',
    checkDestinationPhoneNumber(input.destinationPhoneNumber)
  )
  if (destinationPhoneNumber) {
    checks.take(
      'destinationPhoneNumber',
      checkDestinationCountry(destinationPhoneNumber, config.allowedCountries)
    )
  }
  const messageBody = checks.take(
    'messageBody',
    checkMessageBody(input.messageBody)
  )

  const mediaUrls = input.mediaUrls ?? []
  const media: S3Location[] = []
  if (mediaUrls.length > MAX_MEDIA_FILES) {
    checks.fail(
      'mediaUrls',
      `An MMS carries at most ${MAX_MEDIA_FILES} media file; ${mediaUrls.length} were given.`
    )
  } else {
    for (const uri of mediaUrls) {
      const location = checks.take(
        'mediaUrls',
        checkMediaUri(uri, config.mediaBucket)
      )
      const unsafe = location && unsafeKeyReason(location.key)
      if (unsafe) {
        checks.fail('mediaUrls', unsafe)
      } else if (location) {
        media.push(location)
      }
    }
  }
  if (
    messageBody === undefined &&
    mediaUrls.length === 0 &&
    !checks.messages.messageBody
  ) {
    checks.fail('messageBody', 'Give a message, a media file, or both.')
  }

  const timeToLive = checks.take(
    'timeToLive',
    checkTimeToLive(input.timeToLive)
  )
  const maxPrice = checks.take('maxPrice', checkMaxPrice(input.maxPrice))
  const configurationSetName = checks.take(
    'configurationSetName',
    checkConfigurationSetName(input.configurationSetName)
  )
  const protectConfigurationId = checks.take(
    'protectConfigurationId',
    checkProtectConfigurationId(input.protectConfigurationId)
  )
  const context = checks.take('context', checkContext(input.context))
  const idempotencyKey = checks.take(
    'idempotencyKey',
    checkIdempotencyKey(input.idempotencyKey)
  )
  checks.throwIfAny()

  return {
    destinationPhoneNumber: destinationPhoneNumber as string,
    messageBody,
    media,
    dryRun: input.dryRun ?? false,
    timeToLive,
    maxPrice,
    configurationSetName,
    protectConfigurationId,
    messageFeedbackEnabled: input.messageFeedbackEnabled ?? undefined,
    statusCallbackUrl: input.statusCallbackUrl ?? undefined,
    context,
    idempotencyKey,
  }
}

/** A media file as recorded with its message. */
export interface RecordedMedia {
  url: string
  contentType: string
  sizeBytes: number
}

/** Whose media may be sent: the sender's own uploads and the shared prefixes. */
export interface MediaOwner {
  userId: number
  sharedPrefixes: readonly string[]
}

const noFileAt = (uri: string) => `There is no file at ${uri}.`

/**
 * Checks that each media object is one the sender may use, that it exists in
 * S3, and that its type and size are ones MMS carries, as AWS would, before
 * anything is recorded or sent. Someone else's object gets the answer a
 * missing one gets, without asking S3, so neither the answer nor its timing
 * tells whether it exists.
 */
export const checkMediaObjects = async (
  media: S3Location[],
  owner: MediaOwner,
  lookUp = lookUpMediaObject
): Promise<RecordedMedia[]> => {
  const checks = new FieldChecks()
  const recorded: RecordedMedia[] = []
  for (const location of media) {
    const uri = formatS3Uri(location)
    if (!mayUseMediaKey(owner.userId, location.key, owner.sharedPrefixes)) {
      checks.fail('mediaUrls', noFileAt(uri))
      continue
    }
    const found = await lookUp(location)
    if ('reason' in found) {
      checks.fail(
        'mediaUrls',
        found.reason === 'NOT_FOUND'
          ? noFileAt(uri)
          : `The service is not allowed to read ${uri}.`
      )
      continue
    }
    const { contentType, sizeBytes } = found.object
    if (checks.take('mediaUrls', checkMediaFile(contentType, sizeBytes))) {
      recorded.push({ url: uri, contentType, sizeBytes })
    }
  }
  checks.throwIfAny()
  return recorded
}

/**
 * A fingerprint of what a request asks for, to tell a repeat under the same
 * idempotency key from a different request that reuses the key.
 */
export const requestFingerprint = (request: SendRequest): string => {
  const fields: unknown[] = [
    request.destinationPhoneNumber,
    request.messageBody ?? null,
    request.media.map(formatS3Uri),
    request.dryRun,
    request.timeToLive ?? null,
    request.maxPrice ?? null,
    request.configurationSetName ?? null,
    Object.entries(request.context ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)),
  ]
  // Fields added later join only when given, so that a request without them
  // keeps the fingerprint it had before they existed (and its key's repeats
  // stay repeats).
  if (
    request.protectConfigurationId !== undefined ||
    request.messageFeedbackEnabled !== undefined
  ) {
    fields.push(
      request.protectConfigurationId ?? null,
      request.messageFeedbackEnabled ?? null
    )
  }
  if (request.statusCallbackUrl !== undefined) {
    fields.push({ statusCallbackUrl: request.statusCallbackUrl })
  }
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex')
}

/**
 * An idempotency key already used, by the same caller, for a different
 * request. GraphQL callers see it as BAD_USER_INPUT on idempotencyKey, as any
 * refused field; the REST endpoint answers it 409.
 */
export class IdempotencyKeyReusedError extends FieldValidationError {
  constructor(readonly existingMessageId: string) {
    super(
      {
        idempotencyKey: [
          'This key was already used for a different request. Use a new key for a new message.',
        ],
      },
      `idempotencyKey: This key was already used for a different request (message ${existingMessageId}). Use a new key for a new message.`
    )
    // FieldValidationError sets its own prototype; a subclass sets its own again.
    Object.setPrototypeOf(this, IdempotencyKeyReusedError.prototype)
  }
}
