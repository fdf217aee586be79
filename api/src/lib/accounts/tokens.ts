import { createHash, randomBytes } from 'node:crypto'

/**
 * Secrets handed to a browser or written in an email link: 32 random bytes.
 * Only a SHA-256 is stored, so a copy of the database opens no session and
 * accepts no link; a fast hash is right for random secrets.
 */
export const newSecretToken = (): string =>
  randomBytes(32).toString('base64url')

export const SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

export const hashSecretToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex')
