import {
  InternalServerException,
  PinpointSMSVoiceV2ServiceException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import type { RetryErrorInfo, RetryErrorType } from '@smithy/types'

import { AcceptanceSafeRetryStrategy, isSafeToRetry } from './retryStrategy'

const meta = (httpStatusCode: number) => ({
  httpStatusCode,
  attempts: 1,
  totalRetryDelay: 0,
})

const nodeError = (code: string) =>
  Object.assign(new Error(`${code} 127.0.0.1:9`), { code, syscall: 'connect' })

const throttling = () =>
  new ThrottlingException({ message: 'Rate exceeded', $metadata: meta(429) })
const validation = () =>
  new ValidationException({
    message: 'bad request',
    $metadata: meta(400),
    Reason: 'MEDIA_TYPE_NOT_SUPPORTED',
  })

// errorType is what the SDK's retry middleware would classify each error as.
const info = (error: Error, errorType: RetryErrorType): RetryErrorInfo =>
  ({ error, errorType }) as RetryErrorInfo

describe('isSafeToRetry', () => {
  it.each<[string, () => RetryErrorInfo, boolean]>([
    ['a ThrottlingException', () => info(throttling(), 'THROTTLING'), true],
    [
      'any error classed THROTTLING, even with no status',
      () => info(new Error('slow down'), 'THROTTLING'),
      true,
    ],
    [
      'an InternalServerException (500)',
      () =>
        info(
          new InternalServerException({ message: 'x', $metadata: meta(500) }),
          'TRANSIENT'
        ),
      true,
    ],
    [
      'a 503 service error',
      () =>
        info(
          new PinpointSMSVoiceV2ServiceException({
            name: 'ServiceUnavailable',
            $fault: 'server',
            message: 'x',
            $metadata: meta(503),
          }),
          'TRANSIENT'
        ),
      true,
    ],
    [
      'a 501 service error',
      () =>
        info(
          new PinpointSMSVoiceV2ServiceException({
            name: 'NotImplemented',
            $fault: 'server',
            message: 'x',
            $metadata: meta(501),
          }),
          'SERVER_ERROR'
        ),
      true,
    ],
    ['ECONNREFUSED', () => info(nodeError('ECONNREFUSED'), 'TRANSIENT'), true],
    ['ENOTFOUND', () => info(nodeError('ENOTFOUND'), 'TRANSIENT'), true],
    [
      'ECONNREFUSED nested as cause.code',
      () =>
        info(
          new Error('fetch failed', { cause: nodeError('ECONNREFUSED') }),
          'TRANSIENT'
        ),
      true,
    ],
    [
      'a TimeoutError',
      () =>
        info(
          Object.assign(new Error('timed out'), { name: 'TimeoutError' }),
          'TRANSIENT'
        ),
      false,
    ],
    ['ECONNRESET', () => info(nodeError('ECONNRESET'), 'TRANSIENT'), false],
    ['ETIMEDOUT', () => info(nodeError('ETIMEDOUT'), 'TRANSIENT'), false],
    ['EPIPE', () => info(nodeError('EPIPE'), 'TRANSIENT'), false],
    [
      'a ValidationException (400)',
      () => info(validation(), 'CLIENT_ERROR'),
      false,
    ],
    [
      'a 403 client error',
      () =>
        info(
          new PinpointSMSVoiceV2ServiceException({
            name: 'AccessDeniedException',
            $fault: 'client',
            message: 'x',
            $metadata: meta(403),
          }),
          'CLIENT_ERROR'
        ),
      false,
    ],
    [
      'a 404 client error',
      () =>
        info(
          new PinpointSMSVoiceV2ServiceException({
            name: 'ResourceNotFoundException',
            $fault: 'client',
            message: 'x',
            $metadata: meta(404),
          }),
          'CLIENT_ERROR'
        ),
      false,
    ],
    [
      'a 409 client error',
      () =>
        info(
          new PinpointSMSVoiceV2ServiceException({
            name: 'ConflictException',
            $fault: 'client',
            message: 'x',
            $metadata: meta(409),
          }),
          'CLIENT_ERROR'
        ),
      false,
    ],
  ])('%s → %s', (_, errorInfo, expected) => {
    expect(isSafeToRetry(errorInfo())).toBe(expected)
  })
})

describe('AcceptanceSafeRetryStrategy', () => {
  // The standard strategy waits a random share of its backoff before handing
  // out a token; pin the share at zero so the tests do not sleep.
  let random: jest.SpyInstance
  beforeEach(() => {
    random = jest.spyOn(Math, 'random').mockReturnValue(0)
  })
  afterEach(() => {
    random.mockRestore()
  })

  it('is a standard-mode strategy whose first token has no retries', async () => {
    const strategy = new AcceptanceSafeRetryStrategy(3)
    expect(strategy.mode).toBe('standard')
    const token = await strategy.acquireInitialRetryToken('scope')
    expect(token.getRetryCount()).toBe(0)
  })

  it('returns a token with a retry count of 1 for a throttling error', async () => {
    const strategy = new AcceptanceSafeRetryStrategy(3)
    const token = await strategy.acquireInitialRetryToken('scope')

    const next = await strategy.refreshRetryTokenForRetry(
      token,
      info(throttling(), 'THROTTLING')
    )

    expect(next.getRetryCount()).toBe(1)
  })

  it('retries a connection that was refused, which never reached AWS', async () => {
    const strategy = new AcceptanceSafeRetryStrategy(3)
    const token = await strategy.acquireInitialRetryToken('scope')

    const next = await strategy.refreshRetryTokenForRetry(
      token,
      info(nodeError('ECONNREFUSED'), 'TRANSIENT')
    )

    expect(next.getRetryCount()).toBe(1)
  })

  it.each<[string, () => Error, RetryErrorType]>([
    [
      'a TimeoutError',
      () => Object.assign(new Error('timed out'), { name: 'TimeoutError' }),
      'TRANSIENT',
    ],
    ['ECONNRESET', () => nodeError('ECONNRESET'), 'TRANSIENT'],
    ['a ValidationException', validation, 'CLIENT_ERROR'],
  ])(
    'rejects with the original error for %s',
    async (_, makeError, errorType) => {
      const strategy = new AcceptanceSafeRetryStrategy(3)
      const token = await strategy.acquireInitialRetryToken('scope')
      const error = makeError()

      const refreshed = strategy.refreshRetryTokenForRetry(
        token,
        info(error, errorType)
      )

      await expect(refreshed).rejects.toBe(error)
    }
  )

  it('stops at its maximum attempts even for a throttling error', async () => {
    const strategy = new AcceptanceSafeRetryStrategy(2)
    const first = await strategy.acquireInitialRetryToken('scope')
    const second = await strategy.refreshRetryTokenForRetry(
      first,
      info(throttling(), 'THROTTLING')
    )
    expect(second.getRetryCount()).toBe(1)

    await expect(
      strategy.refreshRetryTokenForRetry(
        second,
        info(throttling(), 'THROTTLING')
      )
    ).rejects.toThrow('No retry token available')
  })

  it('never retries when given one attempt', async () => {
    const strategy = new AcceptanceSafeRetryStrategy(1)
    const token = await strategy.acquireInitialRetryToken('scope')
    await expect(
      strategy.refreshRetryTokenForRetry(
        token,
        info(throttling(), 'THROTTLING')
      )
    ).rejects.toThrow('No retry token available')
  })
})
