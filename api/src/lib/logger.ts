import {
  createLogger,
  redactionsList,
  type LoggerOptions,
} from '@redwoodjs/api/logger'

import { phoneNumberMasking } from './logMasking'

/**
 * The api's logger options. Code logs phone numbers only masked
 * (maskPhoneNumber); these paths, and the masking of any phone-like digits in
 * text, are a safety net for values logged whole by mistake. Exported so a
 * test can log with the same options to a destination it reads.
 */
export const loggerOptions: LoggerOptions = {
  ...phoneNumberMasking,
  redact: [
    ...redactionsList,
    'destinationPhoneNumber',
    '*.destinationPhoneNumber',
    'secret',
    '*.secret',
    'hashedKey',
    '*.hashedKey',
  ],
}

export const logger = createLogger({ options: loggerOptions })
