import { createHash } from 'node:crypto'

import {
  findActiveApiKey,
  generateApiKey,
  hashApiKey,
  issueApiKey,
  parseApiKey,
} from './apiKeys'
import {
  ACTIVE_KEY_SECRET,
  REVOKED_KEY_SECRET,
  type StandardScenario,
} from './apiKeys.scenarios'
import { db } from './db'

const KEY_SHAPE = /^mms_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/
const sha256Hex = (text: string) =>
  createHash('sha256').update(text).digest('hex')
/** `mms_<prefix>_` is 15 characters; what follows is the secret proper. */
const secretTail = (key: string) => key.slice('mms_0123456789_'.length)

const NAME_PROBLEM =
  'Give the key a name of 1 to 100 characters, e.g. the service that will use it.'

describe('generateApiKey', () => {
  it('makes keys shaped mms_<10 chars>_<43 chars> whose prefix is the stored prefix', () => {
    const { prefix, secret } = generateApiKey()
    const match = KEY_SHAPE.exec(secret)
    expect(match).not.toBeNull()
    expect(match?.[1]).toBe(prefix)
    expect(parseApiKey(secret)).toEqual({ prefix })
  })

  it('never repeats a key or a prefix across many generations', () => {
    const keys = Array.from({ length: 2000 }, generateApiKey)
    for (const key of keys) {
      expect(key.secret).toMatch(KEY_SHAPE)
    }
    expect(new Set(keys.map((k) => k.secret)).size).toBe(keys.length)
    expect(new Set(keys.map((k) => k.prefix)).size).toBe(keys.length)
    expect(new Set(keys.map((k) => k.hashedKey)).size).toBe(keys.length)
  })

  it('hashes the whole key with SHA-256, never keeping the key itself', () => {
    const { secret, hashedKey } = generateApiKey()
    expect(hashedKey).toMatch(/^[0-9a-f]{64}$/)
    expect(hashedKey).toBe(sha256Hex(secret))
    // The whole key, not only the part after the prefix.
    expect(hashedKey).not.toBe(sha256Hex(secretTail(secret)))
    expect(hashedKey).not.toContain(secretTail(secret))
    expect(hashedKey).not.toBe(secret)
  })
})

describe('hashApiKey', () => {
  it('is the SHA-256 hex digest of its input', () => {
    // Known answer: SHA-256("abc").
    expect(hashApiKey('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    )
    expect(hashApiKey(ACTIVE_KEY_SECRET)).toBe(sha256Hex(ACTIVE_KEY_SECRET))
  })
})

describe('parseApiKey', () => {
  it('returns the prefix of a well-formed key', () => {
    expect(parseApiKey(ACTIVE_KEY_SECRET)).toEqual({ prefix: 'active0001' })
  })

  const tail = 'A'.repeat(43)
  it.each([
    ['an empty string', ''],
    ['only the scheme', 'mms_'],
    ['the wrong scheme', `mmx_abcdefghij_${tail}`],
    ['an uppercase scheme', `MMS_abcdefghij_${tail}`],
    ['an uppercase prefix', `mms_ABCDEFGHIJ_${tail}`],
    ['a prefix of 9 characters', `mms_abcdefghi_${tail}`],
    ['a prefix of 11 characters', `mms_abcdefghijk_${tail}`],
    ['a secret of 42 characters', `mms_abcdefghij_${'A'.repeat(42)}`],
    ['a secret of 44 characters', `mms_abcdefghij_${'A'.repeat(44)}`],
    [
      'a secret with a character outside base64url',
      `mms_abcdefghij_${'A'.repeat(42)}+`,
    ],
    ['a leading space', ` mms_abcdefghij_${tail}`],
    ['a trailing newline', `mms_abcdefghij_${tail}\n`],
    ['a Bearer scheme left on', `Bearer mms_abcdefghij_${tail}`],
    ['a missing separator', `mms_abcdefghij${tail}`],
  ])('rejects %s', (_, key) => {
    expect(parseApiKey(key)).toBeNull()
  })
})

describe('findActiveApiKey', () => {
  scenario(
    'finds the active key by its whole secret',
    async (scenario: StandardScenario) => {
      const found = await findActiveApiKey(db, ACTIVE_KEY_SECRET)
      expect(found).toEqual(scenario.apiKey.active)
    }
  )

  scenario(
    'returns null for a revoked key',
    async (scenario: StandardScenario) => {
      expect(scenario.apiKey.revoked.revokedAt).not.toBeNull()
      expect(await findActiveApiKey(db, REVOKED_KEY_SECRET)).toBeNull()
    }
  )

  scenario(
    'returns null for a wrong secret behind a valid prefix',
    async () => {
      const wrong = `mms_active0001_${'B'.repeat(43)}`
      expect(parseApiKey(wrong)).toEqual({ prefix: 'active0001' })
      expect(await findActiveApiKey(db, wrong)).toBeNull()
    }
  )

  scenario(
    'returns null for a secret that differs from the key in one character',
    async () => {
      const lastChar = ACTIVE_KEY_SECRET.at(-1)
      const nearMiss = `${ACTIVE_KEY_SECRET.slice(0, -1)}${lastChar === 'a' ? 'b' : 'a'}`
      expect(await findActiveApiKey(db, nearMiss)).toBeNull()
    }
  )

  scenario('returns null for an unknown prefix', async () => {
    expect(
      await findActiveApiKey(db, `mms_unknown001_${'A'.repeat(43)}`)
    ).toBeNull()
  })

  const garbage: [string, string][] = [
    ['an empty string', ''],
    ['garbage', 'not a key at all'],
    ['the active key uppercased', ACTIVE_KEY_SECRET.toUpperCase()],
    ['the active key with a trailing space', `${ACTIVE_KEY_SECRET} `],
    ['the hash of the active key', hashApiKey(ACTIVE_KEY_SECRET)],
  ]
  for (const [name, presented] of garbage) {
    scenario(
      `returns null for ${name} while the active key exists`,
      async () => {
        expect(await findActiveApiKey(db, presented)).toBeNull()
      }
    )
  }
})

describe('issueApiKey', () => {
  scenario(
    'stores only the hash of the key it returns',
    async (scenario: StandardScenario) => {
      const { apiKey, secret } = await issueApiKey(
        db,
        scenario.user.carol.id,
        'billing service'
      )

      expect(secret).toMatch(KEY_SHAPE)
      const stored = await db.apiKey.findUniqueOrThrow({
        where: { id: apiKey.id },
      })
      expect(stored).toEqual(apiKey)
      expect(stored).toMatchObject({
        userId: scenario.user.carol.id,
        name: 'billing service',
        prefix: parseApiKey(secret)?.prefix,
        hashedKey: sha256Hex(secret),
        lastUsedAt: null,
        revokedAt: null,
      })

      // No fragment of the secret after the prefix appears anywhere in the row.
      const row = JSON.stringify(stored)
      const tail = secretTail(secret)
      for (let start = 0; start + 8 <= tail.length; start++) {
        expect(row).not.toContain(tail.slice(start, start + 8))
      }

      // And the key it returned is the one that now authenticates.
      expect(await findActiveApiKey(db, secret)).toEqual(stored)
    }
  )

  scenario('trims the name', async (scenario: StandardScenario) => {
    const { apiKey } = await issueApiKey(
      db,
      scenario.user.carol.id,
      '  nightly export \t'
    )
    expect(apiKey.name).toBe('nightly export')
  })

  scenario(
    'refuses a blank name and stores nothing',
    async (scenario: StandardScenario) => {
      const before = await db.apiKey.count()
      await expect(
        issueApiKey(db, scenario.user.carol.id, '   ')
      ).rejects.toThrow(NAME_PROBLEM)
      expect(await db.apiKey.count()).toBe(before)
    }
  )
})
