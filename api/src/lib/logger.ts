import { createLogger, redactionsList } from '@redwoodjs/api/logger'

/**
 * The api's logger. Code logs phone numbers only masked (maskPhoneNumber);
 * these paths are a safety net for values logged whole by mistake.
 */
export const logger = createLogger({
  options: {
    redact: [
      ...redactionsList,
      'destinationPhoneNumber',
      '*.destinationPhoneNumber',
      'secret',
      '*.secret',
      'hashedKey',
      '*.hashedKey',
    ],
  },
})
