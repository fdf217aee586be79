import { randomBytes, timingSafeEqual } from 'node:crypto'

import { checkApiKeyName } from '@mms/rules'
import type { ApiKey, PrismaClient } from '@prisma/client'

import { hashSecretToken, newSecretToken } from './accounts/tokens'

/**
 * Keys look like `mms_<prefix>_<secret>`. The prefix is stored in clear so a
 * key can be recognised in lists and logs; only a SHA-256 of the whole key is
 * kept. A fast hash is right here: the secret is 32 random bytes, not a
 * password, so there is nothing to guess.
 */
const KEY_PATTERN = /^mms_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

export const hashApiKey = hashSecretToken

const randomPrefix = () =>
  Array.from(
    randomBytes(10),
    (b) => PREFIX_ALPHABET[b % PREFIX_ALPHABET.length]
  ).join('')

export const generateApiKey = () => {
  const prefix = randomPrefix()
  const secret = `mms_${prefix}_${newSecretToken()}`
  return { prefix, secret, hashedKey: hashApiKey(secret) }
}

export const parseApiKey = (key: string): { prefix: string } | null => {
  const match = KEY_PATTERN.exec(key)
  return match ? { prefix: match[1] } : null
}

type Db = Pick<PrismaClient, 'apiKey' | 'user'>

/** Creates a key for a user and returns it with its secret, which is not stored. */
export const issueApiKey = async (db: Db, userId: number, name: string) => {
  const checked = checkApiKeyName(name)
  if ('message' in checked) {
    throw new Error(checked.message)
  }
  const { prefix, secret, hashedKey } = generateApiKey()
  const apiKey = await db.apiKey.create({
    data: { userId, name: checked.value, prefix, hashedKey },
  })
  return { apiKey, secret }
}

/** The active key matching a presented secret, or null. */
export const findActiveApiKey = async (
  db: Db,
  presented: string
): Promise<ApiKey | null> => {
  const parsed = parseApiKey(presented)
  if (!parsed) {
    return null
  }
  const apiKey = await db.apiKey.findUnique({
    where: { prefix: parsed.prefix },
  })
  if (!apiKey || apiKey.revokedAt) {
    return null
  }
  const expected = Buffer.from(apiKey.hashedKey, 'hex')
  const actual = Buffer.from(hashApiKey(presented), 'hex')
  return timingSafeEqual(expected, actual) ? apiKey : null
}
