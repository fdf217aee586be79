import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

import { BodyTooLargeError, delay, readBody, send } from '../http/http-utils.ts'

import { apiErrors, AwsApiError, injectedError } from './api-errors.ts'
import {
  describePhoneNumbers,
  parseDescribePhoneNumbersRequest,
} from './describe-phone-numbers.ts'
import type { FaultInjector } from './faults.ts'
import type { Inbox, InboxMessage } from './inbox.ts'
import { parseSendMediaMessageRequest } from './send-media-message-request.ts'
import {
  sendMediaMessage,
  type SendMediaMessageEnvironment,
} from './send-media-message.ts'
import { requireSmsVoiceCredentialScope } from './sigv4-credential-scope.ts'
import type { Outcome, SandboxStats } from './stats.ts'

export const SEND_MEDIA_MESSAGE_TARGET = 'PinpointSMSVoiceV2.SendMediaMessage'
export const DESCRIBE_PHONE_NUMBERS_TARGET =
  'PinpointSMSVoiceV2.DescribePhoneNumbers'
const OPERATIONS: readonly string[] = [
  SEND_MEDIA_MESSAGE_TARGET,
  DESCRIBE_PHONE_NUMBERS_TARGET,
]
const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0'
const MAX_REQUEST_BYTES = 1024 * 1024

export interface ApiState {
  stats: SandboxStats
  faults: FaultInjector
  inbox: Inbox
  env: SendMediaMessageEnvironment
  /** Aborted when the sandbox stops; ends added latencies early. */
  stopSignal: AbortSignal
  log: (line: string) => void
  /** Called for every message accepted (dry runs included), after it is in the inbox. */
  onMessageAccepted?: (message: InboxMessage) => void
}

function writeResponse(
  res: ServerResponse,
  requestId: string,
  status: number,
  body: unknown,
  errorType?: string
): void {
  send(res, status, JSON.stringify(body), {
    'Content-Type': JSON_CONTENT_TYPE,
    'x-amzn-RequestId': requestId,
    ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
  })
}

function outcomeOf(error: AwsApiError): Outcome {
  switch (error.errorType) {
    case 'ValidationException':
      return 'validationErrors'
    case 'ResourceNotFoundException':
      return 'resourceNotFound'
    case 'ConflictException':
      return 'conflicts'
    case 'ThrottlingException':
      return 'throttled'
    default:
      return 'protocolErrors'
  }
}

/** POST / : the AWS JSON 1.0 endpoint. */
export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  state: ApiState
): Promise<void> {
  const { stats } = state
  const requestId = randomUUID()
  stats.requests++
  stats.inFlight++
  let outcome: Outcome | undefined
  try {
    let body: Buffer
    try {
      body = await readBody(req, MAX_REQUEST_BYTES)
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        throw apiErrors.serialization(
          `Request body exceeds ${MAX_REQUEST_BYTES} bytes.`
        )
      // The client went away before its request was read.
      outcome = 'cancelled'
      res.destroy()
      return
    }

    const target = req.headers['x-amz-target']
    if (typeof target !== 'string' || !OPERATIONS.includes(target)) {
      throw apiErrors.unknownOperation(
        target
          ? `Unknown operation ${String(target)}: the sandbox implements only ${OPERATIONS.join(' and ')}.`
          : 'Missing X-Amz-Target header.'
      )
    }
    const contentType = req.headers['content-type'] ?? ''
    if (!contentType.toLowerCase().startsWith(JSON_CONTENT_TYPE)) {
      throw apiErrors.serialization(
        `Content-Type must be ${JSON_CONTENT_TYPE}, got '${contentType}'.`
      )
    }
    requireSmsVoiceCredentialScope(req.headers.authorization)
    let input: unknown
    try {
      input = JSON.parse(body.toString('utf8') || '{}')
    } catch {
      throw apiErrors.serialization('The request body is not valid JSON.')
    }

    // Faults exercise the app's sending; an app that reads its limits at start-up is not hit by them.
    if (target === DESCRIBE_PHONE_NUMBERS_TARGET) {
      const result = describePhoneNumbers(
        parseDescribePhoneNumbersRequest(input),
        state.env.originationIdentities
      )
      outcome = 'describeCalls'
      state.log(
        `request ${requestId} -> DescribePhoneNumbers, ${result.PhoneNumbers.length} number(s)`
      )
      writeResponse(res, requestId, 200, result)
      return
    }

    const { latencyMs } = state.faults.settings()
    if (latencyMs > 0) await delay(latencyMs, state.stopSignal)

    const fault = state.faults.decide()
    if (fault.kind === 'hang') {
      outcome = 'hung'
      if (!res.destroyed) {
        stats.hangingNow++
        res.once('close', () => stats.hangingNow--)
      }
      state.log(`request ${requestId} hangs (fault injection)`)
      return
    }
    if (fault.kind === 'error') {
      outcome = 'injectedErrors'
      stats.injectedErrorsByType[fault.error] =
        (stats.injectedErrorsByType[fault.error] ?? 0) + 1
      const error = injectedError(fault.error, requestId)
      state.log(`request ${requestId} -> ${error.errorType} (fault injection)`)
      writeResponse(
        res,
        requestId,
        error.httpStatus,
        error.toJSON(),
        error.errorType
      )
      return
    }

    const request = parseSendMediaMessageRequest(input)
    const message = await sendMediaMessage(request, state.env)
    state.inbox.add(message)
    state.onMessageAccepted?.(message)
    outcome = message.dryRun ? 'dryRuns' : 'accepted'
    state.log(
      `request ${requestId} -> MessageId ${message.messageId}${message.dryRun ? ' (dry run)' : ''}`
    )
    writeResponse(res, requestId, 200, { MessageId: message.messageId })
  } catch (error) {
    if (state.stopSignal.aborted) {
      outcome = 'cancelled'
      res.destroy()
      return
    }
    if (error instanceof AwsApiError) {
      outcome = outcomeOf(error)
      state.log(`request ${requestId} -> ${error.errorType}: ${error.message}`)
      writeResponse(
        res,
        requestId,
        error.httpStatus,
        error.toJSON(),
        error.errorType
      )
      return
    }
    outcome = 'unexpectedErrors'
    state.log(
      `request ${requestId} failed unexpectedly: ${(error as Error).stack ?? String(error)}`
    )
    const internal = apiErrors.internal(
      requestId,
      'The sandbox failed unexpectedly; see its log.'
    )
    writeResponse(
      res,
      requestId,
      internal.httpStatus,
      internal.toJSON(),
      internal.errorType
    )
  } finally {
    stats.inFlight--
    if (outcome) stats[outcome]++
  }
}
