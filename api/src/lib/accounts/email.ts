/** Email addresses are kept and compared lower-cased, without surrounding spaces. */
export const normaliseEmail = (email: string): string =>
  email.trim().toLowerCase()

// Enough to catch typing mistakes; delivery is what proves an address.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
export const EMAIL_MAX_LENGTH = 254

export const isEmailAddress = (email: string): boolean =>
  email.length <= EMAIL_MAX_LENGTH && EMAIL_PATTERN.test(email)

export const emailDomain = (email: string): string =>
  email.slice(email.lastIndexOf('@') + 1)
