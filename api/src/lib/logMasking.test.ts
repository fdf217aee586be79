import { createLogger } from '@redwoodjs/api/logger'

import { loggerOptions } from './logger'
import { maskPhoneNumbersInText } from './logMasking'

describe('maskPhoneNumbersInText', () => {
  it.each([
    ['+12065550123', '+1********23'],
    ['got invalid value 12065550123;', 'got invalid value *********23;'],
    ['call +1 (206) 555-0123 now', 'call +* (***) ***-**23 now'],
    ['+44 20 7946 0958', '+** ** **** **58'],
    ['206.555.0123', '***.***.**23'],
    ['"+12065550123"', '"+1********23"'],
  ])('masks %s', (text, masked) => {
    expect(maskPhoneNumbersInText(text)).toBe(masked)
  })

  it.each([
    'message cm3message0001234 sent',
    'sent on 2026-11-01 at 12:00',
    '2026-11-01T12:00:00.000Z',
    'from 192.168.100.200',
    'attempt 3 of 5 after 250 ms',
    'key mms_alice00001_aaaa',
  ])('leaves %s alone', (text) => {
    expect(maskPhoneNumbersInText(text)).toBe(text)
  })
})

describe('the api logger', () => {
  const logTo = () => {
    const lines: string[] = []
    const logger = createLogger({
      options: { ...loggerOptions, level: 'info' },
      destination: { write: (line: string) => lines.push(line) },
    })
    return { logger, lines: () => lines.map((line) => JSON.parse(line)) }
  }

  it('masks numbers in the message, the logged object and errors', () => {
    const { logger, lines } = logTo()
    const error = new Error('insert failed for 12065550123')
    logger
      .child({ name: 'graphql-server' })
      .warn(
        { detail: { note: 'number 12065550123' }, list: ['+12065550123'] },
        'refused +12065550123'
      )
    logger.error(error)
    logger.error({ err: error, reason: 'db' }, 'write failed')

    const [warning, bare, wrapped] = lines()
    expect(warning).toMatchObject({
      name: 'graphql-server',
      detail: { note: 'number *********23' },
      list: ['+1********23'],
      msg: 'refused +1********23',
    })
    expect(bare.msg).toBe('insert failed for *********23')
    expect(bare.err).toMatchObject({
      type: 'Error',
      message: 'insert failed for *********23',
    })
    expect(bare.err.stack).toMatch(
      /^Error: insert failed for \*{9}23\n\s+at .*logMasking\.test\.ts/
    )
    expect(wrapped).toMatchObject({
      msg: 'write failed',
      reason: 'db',
      err: { type: 'Error', message: 'insert failed for *********23' },
    })
    expect(JSON.stringify(lines())).not.toContain('2065550123')
  })

  it('still redacts the fields it redacted', () => {
    const { logger, lines } = logTo()
    logger.info({ destinationPhoneNumber: '+12065550123', secret: 's' }, 'x')
    expect(lines()[0]).toMatchObject({
      destinationPhoneNumber: '[Redacted]',
      secret: '[Redacted]',
    })
  })
})
