import {
  InternalServerException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import type { FinalizeHandlerArguments } from '@smithy/types'

import type { AttemptRecord } from '../mmsProvider'

import { recordAttemptsInto } from './attemptRecorder'

const meta = (httpStatusCode: number) => ({ httpStatusCode })
const ARGS = { input: {}, request: {} } as FinalizeHandlerArguments<object>

/** Runs one request through the recorder: `answer` is what the wire gave. */
const attempt = async (
  attempts: AttemptRecord[],
  clock: { ms: number },
  tookMs: number,
  answer: () => unknown
) => {
  const middleware = recordAttemptsInto<object, never>(attempts, () => clock.ms)
  const next = async () => {
    clock.ms += tookMs
    const error = answer()
    if (error) throw error
    return { output: { $metadata: meta(200) } as never, response: {} }
  }
  await middleware(next as never, {} as never)(ARGS).catch(() => undefined)
}

describe('recordAttemptsInto', () => {
  it('numbers each request it sees and times it with the clock given', async () => {
    const attempts: AttemptRecord[] = []
    const clock = { ms: Date.UTC(2026, 10, 23, 12) }
    const throttled = () =>
      new ThrottlingException({ message: 'x', $metadata: meta(400) })

    await attempt(attempts, clock, 40, throttled)
    await attempt(attempts, clock, 25, () => undefined)

    expect(attempts).toEqual([
      {
        number: 1,
        startedAt: new Date(Date.UTC(2026, 10, 23, 12)),
        durationMs: 40,
        outcome: 'THROTTLED',
        httpStatus: 400,
        errorCode: 'ThrottlingException',
      },
      {
        number: 2,
        startedAt: new Date(Date.UTC(2026, 10, 23, 12) + 40),
        durationMs: 25,
        outcome: 'ACCEPTED',
        httpStatus: 200,
      },
    ])
  })

  it.each<[string, () => unknown, Partial<AttemptRecord>]>([
    [
      'a ThrottlingException as THROTTLED',
      () => new ThrottlingException({ message: 'x', $metadata: meta(400) }),
      { outcome: 'THROTTLED', httpStatus: 400 },
    ],
    [
      'any 429 as THROTTLED',
      () =>
        Object.assign(new Error('slow down'), {
          name: 'TooManyRequests',
          $metadata: meta(429),
        }),
      { outcome: 'THROTTLED', httpStatus: 429, errorCode: 'TooManyRequests' },
    ],
    [
      'a 500 as RETRYABLE',
      () => new InternalServerException({ message: 'x', $metadata: meta(500) }),
      { outcome: 'RETRYABLE', httpStatus: 500 },
    ],
    [
      'a refused connection as RETRYABLE',
      () =>
        Object.assign(new Error('connect ECONNREFUSED'), {
          code: 'ECONNREFUSED',
        }),
      { outcome: 'RETRYABLE', errorCode: 'Error' },
    ],
    [
      'a 400 refusal as REJECTED',
      () => new ValidationException({ message: 'x', $metadata: meta(400) }),
      { outcome: 'REJECTED', httpStatus: 400 },
    ],
    [
      'a timeout as NO_RESPONSE',
      () => Object.assign(new Error('timed out'), { name: 'TimeoutError' }),
      { outcome: 'NO_RESPONSE', errorCode: 'TimeoutError' },
    ],
    [
      'a reset connection as NO_RESPONSE',
      () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      { outcome: 'NO_RESPONSE', errorCode: 'Error' },
    ],
  ])('records %s', async (_, answer, expected) => {
    const attempts: AttemptRecord[] = []
    await attempt(attempts, { ms: 0 }, 5, answer)
    expect(attempts).toHaveLength(1)
    expect(attempts[0]).toMatchObject(expected)
  })
})
