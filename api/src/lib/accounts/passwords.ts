import {
  scrypt as scryptCallback,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'
import { availableParallelism } from 'node:os'

import { ConcurrencyLimiter } from 'src/lib/concurrencyLimiter'

export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 256

/** The password rule, one message per problem; null when the password is acceptable. */
export const passwordProblem = (password: unknown): string | null => {
  if (typeof password !== 'string' || password.length < PASSWORD_MIN_LENGTH) {
    return `Use a password of at least ${PASSWORD_MIN_LENGTH} characters.`
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `Use a password of at most ${PASSWORD_MAX_LENGTH} characters.`
  }
  return null
}

/**
 * dbAuth's stored format (`<hex>|cost|blockSize|parallelization` plus a
 * separate salt), so existing accounts keep working. dbAuth computes it with
 * scryptSync, which blocks the event loop for every log-in attempt; here the
 * work runs on libuv's thread pool, on at most half the machine's cores, so a
 * flood of log-ins queues behind itself instead of taking every core and
 * every pool thread (file system and DNS work share that pool).
 */
const SCRYPT = { cost: 2 ** 14, blockSize: 8, parallelization: 1 }
const KEY_LENGTH = 32

export class PasswordHashingBusyError extends Error {
  constructor() {
    super('Too many sign-in requests are being checked right now.')
    this.name = 'PasswordHashingBusyError'
  }
}

const hashing = new ConcurrencyLimiter({
  concurrency: Math.max(1, Math.floor(availableParallelism() / 2)),
  maxQueue: 64,
})

const scrypt = (
  password: string,
  salt: string,
  options: { cost: number; blockSize: number; parallelization: number }
) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: 64 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key))
    )
  )

const runHash = <T>(work: () => Promise<T>): Promise<T> => {
  const result = hashing.run(work)
  if (!result) {
    return Promise.reject(new PasswordHashingBusyError())
  }
  return result
}

export const hashPassword = async (
  password: string
): Promise<{ hashedPassword: string; salt: string }> => {
  const salt = randomBytes(32).toString('hex')
  const key = await runHash(() => scrypt(password, salt, SCRYPT))
  return {
    hashedPassword: `${key.toString('hex')}|${SCRYPT.cost}|${SCRYPT.blockSize}|${SCRYPT.parallelization}`,
    salt,
  }
}

const parseStored = (hashedPassword: string) => {
  const [hex, cost, blockSize, parallelization] = hashedPassword.split('|')
  if (!hex || !cost) {
    return null
  }
  return {
    key: Buffer.from(hex, 'hex'),
    options: {
      cost: Number(cost),
      blockSize: Number(blockSize),
      parallelization: Number(parallelization),
    },
  }
}

export const verifyPassword = async (
  password: string,
  stored: { hashedPassword: string; salt: string }
): Promise<boolean> => {
  const parsed = parseStored(stored.hashedPassword)
  if (!parsed || parsed.key.length !== KEY_LENGTH) {
    return false
  }
  const key = await runHash(() => scrypt(password, stored.salt, parsed.options))
  return timingSafeEqual(key, parsed.key)
}

// Hashing for an unknown account too keeps its answer as slow as a wrong password's.
const DUMMY = {
  hashedPassword: `${'0'.repeat(KEY_LENGTH * 2)}|${SCRYPT.cost}|${SCRYPT.blockSize}|${SCRYPT.parallelization}`,
  salt: '0'.repeat(64),
}
export const spendPasswordCheck = async (password: string): Promise<void> => {
  await verifyPassword(password, DUMMY)
}
