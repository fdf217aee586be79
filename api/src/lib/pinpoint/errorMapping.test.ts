import * as pinpointSdk from '@aws-sdk/client-pinpoint-sms-voice-v2'
import {
  AccessDeniedException,
  ConflictException,
  InternalServerException,
  PinpointSMSVoiceV2ServiceException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'

import { MMS_ERRORS, type MmsErrorCode } from '../mmsErrors'
import type { RetryReason } from '../mmsProvider'

import { mapSendError } from './errorMapping'

/** Text AWS put in the error; it must never reach a user. */
const AWS_TEXT = 'raw AWS text that must not reach users'

const meta = (httpStatusCode: number) => ({
  httpStatusCode,
  requestId: '2b8c2a4e-0000-4000-8000-000000000000',
  attempts: 1,
  totalRetryDelay: 0,
})

/** An error as Node raises it for a failed socket operation. */
const nodeError = (code: string, message = `${code} 127.0.0.1:9`) =>
  Object.assign(new Error(message), { code, errno: -1, syscall: 'connect' })

const timeoutError = () =>
  Object.assign(new Error('Connection timed out after 10000 ms'), {
    name: 'TimeoutError',
  })

type Case = [
  description: string,
  error: () => unknown,
  status: 'FAILED' | 'UNKNOWN',
  code: MmsErrorCode,
  /** Whether the queue may try again: only when AWS certainly did not take it. */
  retry?: RetryReason,
]

const MODELED: Case[] = [
  [
    'ValidationException MEDIA_TYPE_NOT_SUPPORTED',
    () =>
      new ValidationException({
        message: AWS_TEXT,
        $metadata: meta(400),
        Reason: 'MEDIA_TYPE_NOT_SUPPORTED',
      }),
    'FAILED',
    'MEDIA_TYPE_NOT_SUPPORTED',
  ],
  [
    'ValidationException ATTACHMENT_TYPE_NOT_SUPPORTED',
    () =>
      new ValidationException({
        message: AWS_TEXT,
        $metadata: meta(400),
        Reason: 'ATTACHMENT_TYPE_NOT_SUPPORTED',
      }),
    'FAILED',
    'MEDIA_TYPE_NOT_SUPPORTED',
  ],
  [
    'ValidationException MAXIMUM_SIZE_EXCEEDED',
    () =>
      new ValidationException({
        message: AWS_TEXT,
        $metadata: meta(400),
        Reason: 'MAXIMUM_SIZE_EXCEEDED',
      }),
    'FAILED',
    'MEDIA_TOO_LARGE',
  ],
  [
    'ValidationException RESOURCE_NOT_ACCESSIBLE',
    () =>
      new ValidationException({
        message: AWS_TEXT,
        $metadata: meta(400),
        Reason: 'RESOURCE_NOT_ACCESSIBLE',
      }),
    'FAILED',
    'MEDIA_NOT_ACCESSIBLE',
  ],
  [
    'ValidationException DESTINATION_COUNTRY_BLOCKED',
    () =>
      new ValidationException({
        message: AWS_TEXT,
        $metadata: meta(400),
        Reason: 'DESTINATION_COUNTRY_BLOCKED',
      }),
    'FAILED',
    'DESTINATION_COUNTRY_BLOCKED',
  ],
  [
    'ValidationException PRICE_OVER_THRESHOLD',
    () =>
      new ValidationException({
        message: AWS_TEXT,
        $metadata: meta(400),
        Reason: 'PRICE_OVER_THRESHOLD',
      }),
    'FAILED',
    'PRICE_OVER_THRESHOLD',
  ],
  [
    'ValidationException FIELD_VALIDATION_FAILED',
    () =>
      new ValidationException({
        message: AWS_TEXT,
        $metadata: meta(400),
        Reason: 'FIELD_VALIDATION_FAILED',
      }),
    'FAILED',
    'INVALID_REQUEST',
  ],
  [
    'ValidationException without a Reason',
    () => new ValidationException({ message: AWS_TEXT, $metadata: meta(400) }),
    'FAILED',
    'INVALID_REQUEST',
  ],
  [
    'ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT',
    () =>
      new ConflictException({
        message: AWS_TEXT,
        $metadata: meta(409),
        Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
      }),
    'FAILED',
    'DESTINATION_OPTED_OUT',
  ],
  [
    'ConflictException DESTINATION_PHONE_NUMBER_NOT_VERIFIED',
    () =>
      new ConflictException({
        message: AWS_TEXT,
        $metadata: meta(409),
        Reason: 'DESTINATION_PHONE_NUMBER_NOT_VERIFIED',
      }),
    'FAILED',
    'DESTINATION_NOT_VERIFIED',
  ],
  [
    'ConflictException NUMBER_CAPABILITIES_MISMATCH',
    () =>
      new ConflictException({
        message: AWS_TEXT,
        $metadata: meta(409),
        Reason: 'NUMBER_CAPABILITIES_MISMATCH',
      }),
    'FAILED',
    'ORIGINATION_NOT_MMS_CAPABLE',
  ],
  [
    'ConflictException RESOURCE_NOT_ACTIVE',
    () =>
      new ConflictException({
        message: AWS_TEXT,
        $metadata: meta(409),
        Reason: 'RESOURCE_NOT_ACTIVE',
        ResourceType: 'phone-number',
      }),
    'FAILED',
    'ORIGINATION_NOT_ACTIVE',
  ],
  [
    'ConflictException MESSAGE_TYPE_MISMATCH',
    () =>
      new ConflictException({
        message: AWS_TEXT,
        $metadata: meta(409),
        Reason: 'MESSAGE_TYPE_MISMATCH',
      }),
    'FAILED',
    'CONFLICT',
  ],
  [
    'ResourceNotFoundException phone-number',
    () =>
      new ResourceNotFoundException({
        message: AWS_TEXT,
        $metadata: meta(404),
        ResourceType: 'phone-number',
        ResourceId: '+18445550100',
      }),
    'FAILED',
    'ORIGINATION_NOT_FOUND',
  ],
  [
    'ResourceNotFoundException pool',
    () =>
      new ResourceNotFoundException({
        message: AWS_TEXT,
        $metadata: meta(404),
        ResourceType: 'pool',
        ResourceId: 'pool-123',
      }),
    'FAILED',
    'ORIGINATION_NOT_FOUND',
  ],
  [
    'ResourceNotFoundException sender-id',
    () =>
      new ResourceNotFoundException({
        message: AWS_TEXT,
        $metadata: meta(404),
        ResourceType: 'sender-id',
      }),
    'FAILED',
    'ORIGINATION_NOT_FOUND',
  ],
  [
    'ResourceNotFoundException configuration-set',
    () =>
      new ResourceNotFoundException({
        message: AWS_TEXT,
        $metadata: meta(404),
        ResourceType: 'configuration-set',
        ResourceId: 'mms-events',
      }),
    'FAILED',
    'CONFIGURATION_SET_NOT_FOUND',
  ],
  [
    'ResourceNotFoundException opt-out-list',
    () =>
      new ResourceNotFoundException({
        message: AWS_TEXT,
        $metadata: meta(404),
        ResourceType: 'opt-out-list',
      }),
    'FAILED',
    'RESOURCE_NOT_FOUND',
  ],
  [
    'ResourceNotFoundException without a ResourceType',
    () =>
      new ResourceNotFoundException({
        message: AWS_TEXT,
        $metadata: meta(404),
      }),
    'FAILED',
    'RESOURCE_NOT_FOUND',
  ],
  [
    'ServiceQuotaExceededException MONTHLY_SPEND_LIMIT_REACHED_FOR_MEDIA',
    () =>
      new ServiceQuotaExceededException({
        message: AWS_TEXT,
        $metadata: meta(402),
        Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_MEDIA',
      }),
    'FAILED',
    'SPEND_LIMIT_REACHED',
  ],
  [
    'ServiceQuotaExceededException MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT',
    () =>
      new ServiceQuotaExceededException({
        message: AWS_TEXT,
        $metadata: meta(402),
        Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT',
      }),
    'FAILED',
    'SPEND_LIMIT_REACHED',
  ],
  [
    'ServiceQuotaExceededException PHONE_NUMBERS_PER_ACCOUNT',
    () =>
      new ServiceQuotaExceededException({
        message: AWS_TEXT,
        $metadata: meta(402),
        Reason: 'PHONE_NUMBERS_PER_ACCOUNT',
      }),
    'FAILED',
    'PROVIDER_QUOTA_EXCEEDED',
  ],
  [
    'ServiceQuotaExceededException without a Reason',
    () =>
      new ServiceQuotaExceededException({
        message: AWS_TEXT,
        $metadata: meta(402),
      }),
    'FAILED',
    'PROVIDER_QUOTA_EXCEEDED',
  ],
  [
    'AccessDeniedException',
    () =>
      new AccessDeniedException({
        message: AWS_TEXT,
        $metadata: meta(403),
        Reason: 'ACCOUNT_DISABLED',
      }),
    'FAILED',
    'PROVIDER_ACCESS_DENIED',
  ],
  [
    'ThrottlingException',
    () => new ThrottlingException({ message: AWS_TEXT, $metadata: meta(429) }),
    'FAILED',
    'THROTTLED',
    'THROTTLED',
  ],
  [
    'ThrottlingException as AWS answers it (HTTP 400)',
    () => new ThrottlingException({ message: AWS_TEXT, $metadata: meta(400) }),
    'FAILED',
    'THROTTLED',
    'THROTTLED',
  ],
  [
    'InternalServerException',
    () =>
      new InternalServerException({
        message: AWS_TEXT,
        $metadata: meta(500),
        RequestId: 'req-1',
      }),
    'FAILED',
    'PROVIDER_UNAVAILABLE',
    'TRANSIENT',
  ],
]

/** Errors the SDK raises that are not modeled by the service. */
const unmodeled = (
  name: string,
  httpStatusCode: number,
  $fault: 'client' | 'server' = 'client'
) =>
  new PinpointSMSVoiceV2ServiceException({
    name,
    $fault,
    message: AWS_TEXT,
    $metadata: meta(httpStatusCode),
  })

const CREDENTIALS: Case[] = [
  [
    'UnrecognizedClientException',
    () => unmodeled('UnrecognizedClientException', 400),
    'FAILED',
    'PROVIDER_CREDENTIALS_MISSING',
  ],
  [
    'InvalidSignatureException',
    () => unmodeled('InvalidSignatureException', 403),
    'FAILED',
    'PROVIDER_CREDENTIALS_MISSING',
  ],
  [
    'ExpiredTokenException',
    () => unmodeled('ExpiredTokenException', 400),
    'FAILED',
    'PROVIDER_CREDENTIALS_MISSING',
  ],
  [
    'MissingAuthenticationTokenException',
    () => unmodeled('MissingAuthenticationTokenException', 403),
    'FAILED',
    'PROVIDER_CREDENTIALS_MISSING',
  ],
  // Raised before any request is made, so it has no HTTP status.
  [
    'CredentialsProviderError',
    () =>
      Object.assign(
        new Error('Could not load credentials from any providers'),
        { name: 'CredentialsProviderError' }
      ),
    'FAILED',
    'PROVIDER_CREDENTIALS_MISSING',
    'TRANSIENT',
  ],
]

const NETWORK: Case[] = [
  [
    'ECONNREFUSED',
    () => nodeError('ECONNREFUSED'),
    'FAILED',
    'PROVIDER_UNREACHABLE',
    'TRANSIENT',
  ],
  [
    'ENOTFOUND',
    () =>
      nodeError(
        'ENOTFOUND',
        'getaddrinfo ENOTFOUND sms-voice.us-east-1.amazonaws.com'
      ),
    'FAILED',
    'PROVIDER_UNREACHABLE',
    'TRANSIENT',
  ],
  [
    'EAI_AGAIN',
    () => nodeError('EAI_AGAIN'),
    'FAILED',
    'PROVIDER_UNREACHABLE',
    'TRANSIENT',
  ],
  [
    'EHOSTUNREACH',
    () => nodeError('EHOSTUNREACH'),
    'FAILED',
    'PROVIDER_UNREACHABLE',
    'TRANSIENT',
  ],
  [
    'ENETUNREACH',
    () => nodeError('ENETUNREACH'),
    'FAILED',
    'PROVIDER_UNREACHABLE',
    'TRANSIENT',
  ],
  [
    'ECONNREFUSED nested as cause.code',
    () => new Error('fetch failed', { cause: nodeError('ECONNREFUSED') }),
    'FAILED',
    'PROVIDER_UNREACHABLE',
    'TRANSIENT',
  ],
  [
    'ENOTFOUND nested two causes deep',
    () =>
      new Error('send failed', {
        cause: new Error('fetch failed', { cause: nodeError('ENOTFOUND') }),
      }),
    'FAILED',
    'PROVIDER_UNREACHABLE',
    'TRANSIENT',
  ],
  [
    "the HTTP handler's connection timeout (the socket never connected)",
    () =>
      Object.assign(
        new Error(
          '@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 3000 ms.'
        ),
        { name: 'TimeoutError' }
      ),
    'FAILED',
    'PROVIDER_UNREACHABLE',
    'TRANSIENT',
  ],
  ['ETIMEDOUT', () => nodeError('ETIMEDOUT'), 'UNKNOWN', 'OUTCOME_UNKNOWN'],
  [
    'ECONNRESET',
    () => nodeError('ECONNRESET', 'socket hang up'),
    'UNKNOWN',
    'OUTCOME_UNKNOWN',
  ],
  ['EPIPE', () => nodeError('EPIPE'), 'UNKNOWN', 'OUTCOME_UNKNOWN'],
  [
    'ECONNRESET nested as cause.code',
    () => new Error('fetch failed', { cause: nodeError('ECONNRESET') }),
    'UNKNOWN',
    'OUTCOME_UNKNOWN',
  ],
  ['TimeoutError without a code', timeoutError, 'UNKNOWN', 'OUTCOME_UNKNOWN'],
  [
    "the HTTP handler's request timeout (the request went out)",
    () =>
      Object.assign(
        new Error(
          '@smithy/node-http-handler - the request socket timed out after 10000 ms of inactivity (configured by client requestHandler).'
        ),
        { name: 'TimeoutError' }
      ),
    'UNKNOWN',
    'OUTCOME_UNKNOWN',
  ],
]

const OTHER: Case[] = [
  [
    'an unmodeled 4xx service error',
    () => unmodeled('SomethingNewException', 400),
    'FAILED',
    'PROVIDER_ERROR',
  ],
  [
    'an unmodeled 503 service error',
    () => unmodeled('ServiceUnavailableException', 503, 'server'),
    'FAILED',
    'PROVIDER_ERROR',
    'TRANSIENT',
  ],
  [
    'an unmodeled 429 service error',
    () => unmodeled('TooManyRequests', 429),
    'FAILED',
    'PROVIDER_ERROR',
    'THROTTLED',
  ],
  [
    'an unmodeled 502 service error',
    () => unmodeled('BadGateway', 502, 'server'),
    'FAILED',
    'PROVIDER_ERROR',
    'TRANSIENT',
  ],
  [
    'a plain Error with no status or code',
    () => new Error('boom'),
    'UNKNOWN',
    'OUTCOME_UNKNOWN',
  ],
  ['a thrown string', () => 'boom', 'UNKNOWN', 'OUTCOME_UNKNOWN'],
  ['undefined', () => undefined, 'UNKNOWN', 'OUTCOME_UNKNOWN'],
]

describe('mapSendError', () => {
  describe.each([
    ['modeled Pinpoint exceptions', MODELED],
    ['credential errors', CREDENTIALS],
    ['network errors', NETWORK],
    ['anything else', OTHER],
  ])('%s', (_, cases) => {
    // Every row with five cells: jest would pass its done callback as the fifth.
    const rows = cases.map(
      ([description, makeError, status, code, retry]) =>
        [description, makeError, status, code, retry ?? 'none'] as const
    )
    it.each(rows)(
      '%s → %s %s, retry: %s',
      (_, makeError, status, code, retry) => {
        const mapped = mapSendError(makeError())
        expect(mapped).toEqual({
          status,
          error: { code, message: MMS_ERRORS[code] },
          ...(retry === 'none' ? {} : { retry }),
        })
        expect(mapped.error.message).not.toContain(AWS_TEXT)
      }
    )
  })

  const ALL_CASES = [...MODELED, ...CREDENTIALS, ...NETWORK, ...OTHER]

  // Recorded by the queue (a message that waited too long) and by delivery
  // events (what the carrier reported), never by a send error.
  const NOT_FROM_SEND_ERRORS: MmsErrorCode[] = [
    'EXPIRED_IN_QUEUE',
    'DESTINATION_UNREACHABLE',
    'BLOCKED_BY_CARRIER',
    'FLAGGED_AS_SPAM',
    'INVALID_DESTINATION',
    'INVALID_MESSAGE',
    'DELIVERY_EXPIRED',
    'DELIVERY_UNKNOWN',
  ]

  it('the table above reaches every send error code there is, and no other', () => {
    const reached = new Set(ALL_CASES.map(([, , , code]) => code))
    expect([...reached].sort()).toEqual(
      (Object.keys(MMS_ERRORS) as MmsErrorCode[])
        .filter((code) => !NOT_FROM_SEND_ERRORS.includes(code))
        .sort()
    )
  })
})

describe('MMS_ERRORS', () => {
  const awsExceptionNames = [
    ...(Object.values(pinpointSdk) as unknown[])
      .filter(
        (value): value is new (...args: never[]) => Error =>
          typeof value === 'function' &&
          value.prototype instanceof PinpointSMSVoiceV2ServiceException
      )
      .map((exception) => exception.name),
    'UnrecognizedClientException',
    'InvalidSignatureException',
    'ExpiredTokenException',
    'MissingAuthenticationTokenException',
    'CredentialsProviderError',
    'TimeoutError',
  ]

  it('knows the SDK exception names it checks against', () => {
    expect(awsExceptionNames).toEqual(
      expect.arrayContaining([
        'AccessDeniedException',
        'ConflictException',
        'InternalServerException',
        'ResourceNotFoundException',
        'ServiceQuotaExceededException',
        'ThrottlingException',
        'ValidationException',
      ])
    )
  })

  it.each(Object.entries(MMS_ERRORS))(
    '%s has a message for people, naming no AWS exception',
    (_, message) => {
      expect(message.trim()).not.toBe('')
      expect(message).toMatch(/^[A-Z].*\.$/s)
      expect(message).not.toMatch(/Exception|Error\b/)
      for (const name of awsExceptionNames) {
        expect(message).not.toContain(name)
      }
    }
  )
})
