import {
  AuthenticationError,
  ForbiddenError,
  UserInputError,
} from '@redwoodjs/graphql-server'

import { findActiveApiKey, hashApiKey } from 'src/lib/apiKeys'
import { db } from 'src/lib/db'

import { apiKeys, createApiKey, revokeApiKey } from './apiKeys'
import {
  ALICE_REVOKED_AT,
  fixtureSecret,
  type StandardScenario,
} from './apiKeys.scenarios'

const NAME_PROBLEM =
  'Give the key a name of 1 to 100 characters, e.g. the service that will use it.'
const KEY_SHAPE = /^mms_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/

const signInAs = (scenario: StandardScenario, who: 'alice' | 'bob' = 'alice') =>
  mockCurrentUser({
    id: scenario.user[who].id,
    email: scenario.user[who].email,
    role: 'MEMBER',
    roles: ['MEMBER'],
  })

/** Alice, calling with one of her API keys instead of signing in. */
const callWithApiKey = (scenario: StandardScenario) =>
  mockCurrentUser({
    id: scenario.user.alice.id,
    email: scenario.user.alice.email,
    role: 'MEMBER',
    roles: ['MEMBER'],
    apiKeyId: scenario.apiKey.aliceNewest.id,
  })

/** What a resolver rejected with, for checking its extensions. */
const rejectionOf = async (promise: unknown): Promise<UserInputError> => {
  try {
    await promise
  } catch (error) {
    return error as UserInputError
  }
  throw new Error('expected the call to be refused')
}

// The services are called as GraphQL would call them; they use only args.
type AnyResolver = (args?: unknown) => unknown
const listKeys = () =>
  (apiKeys as AnyResolver)() as ReturnType<typeof db.apiKey.findMany>
const create = (name: string) =>
  (createApiKey as AnyResolver)({ name }) as Promise<{
    apiKey: Awaited<ReturnType<typeof db.apiKey.create>>
    secret: string
  }>
const revoke = (id: string) =>
  (revokeApiKey as AnyResolver)({ id }) as ReturnType<typeof db.apiKey.update>

describe('apiKeys', () => {
  scenario(
    'lists only the caller’s keys, newest first, revoked ones included',
    async (scenario: StandardScenario) => {
      signInAs(scenario, 'alice')
      const keys = await listKeys()
      expect(keys.map((k) => k.id)).toEqual([
        scenario.apiKey.aliceNewest.id,
        scenario.apiKey.aliceRevoked.id,
        scenario.apiKey.aliceOldest.id,
      ])
      expect(keys[0]).toEqual(scenario.apiKey.aliceNewest)
    }
  )

  scenario('shows Bob only his own key', async (scenario: StandardScenario) => {
    signInAs(scenario, 'bob')
    expect(await listKeys()).toEqual([scenario.apiKey.bobs])
  })

  scenario(
    'puts a key created now first',
    async (scenario: StandardScenario) => {
      signInAs(scenario, 'alice')
      const { apiKey } = await create('newest of all')
      const keys = await listKeys()
      expect(keys.map((k) => k.id)).toEqual([
        apiKey.id,
        scenario.apiKey.aliceNewest.id,
        scenario.apiKey.aliceRevoked.id,
        scenario.apiKey.aliceOldest.id,
      ])
    }
  )

  scenario('refuses a caller who is not signed in', async () => {
    mockCurrentUser(null)
    // apiKeys is not async, so it throws rather than rejects; GraphQL treats both alike.
    await expect((async () => listKeys())()).rejects.toThrow(
      AuthenticationError
    )
  })
})

describe('createApiKey', () => {
  scenario(
    'returns the secret once and stores only its hash',
    async (scenario: StandardScenario) => {
      signInAs(scenario, 'alice')
      const { apiKey, secret } = await create('  warehouse sync  ')

      expect(secret).toMatch(KEY_SHAPE)
      expect(apiKey).toMatchObject({
        userId: scenario.user.alice.id,
        name: 'warehouse sync',
        prefix: KEY_SHAPE.exec(secret)?.[1],
        hashedKey: hashApiKey(secret),
        revokedAt: null,
        lastUsedAt: null,
      })

      const stored = await db.apiKey.findUniqueOrThrow({
        where: { id: apiKey.id },
      })
      expect(stored.hashedKey).toBe(hashApiKey(secret))
      expect(JSON.stringify(stored)).not.toContain(
        secret.slice('mms_0123456789_'.length)
      )

      // Listing never shows a secret again.
      const listed = (await listKeys()).find((k) => k.id === apiKey.id)
      expect(listed).toEqual(stored)
      expect(listed).not.toHaveProperty('secret')

      // And the secret it returned is the one that now authenticates.
      expect((await findActiveApiKey(db, secret))?.id).toBe(apiKey.id)
    }
  )

  scenario(
    'gives a different secret each time',
    async (scenario: StandardScenario) => {
      signInAs(scenario, 'alice')
      const first = await create('one')
      const second = await create('two')
      expect(first.secret).not.toBe(second.secret)
      expect(first.apiKey.prefix).not.toBe(second.apiKey.prefix)
    }
  )

  const badNames: [string, string][] = [
    ['an empty name', ''],
    ['a whitespace-only name', '   '],
    ['a name of 101 characters', 'n'.repeat(101)],
  ]
  for (const [description, name] of badNames) {
    scenario(
      `refuses ${description} with a message on the name field`,
      async (scenario: StandardScenario) => {
        signInAs(scenario, 'alice')
        const before = await db.apiKey.count()

        const error = await rejectionOf(create(name))

        expect(error).toBeInstanceOf(UserInputError)
        expect(error.message).toBe(`name: ${NAME_PROBLEM}`)
        expect(error.extensions).toEqual({
          code: 'BAD_USER_INPUT',
          properties: { messages: { name: [NAME_PROBLEM] } },
        })
        expect(await db.apiKey.count()).toBe(before)
      }
    )
  }

  scenario(
    'accepts a name of exactly 100 characters',
    async (scenario: StandardScenario) => {
      signInAs(scenario, 'alice')
      const { apiKey } = await create('n'.repeat(100))
      expect(apiKey.name).toBe('n'.repeat(100))
    }
  )

  scenario(
    'refuses a caller using an API key, so a leaked key cannot mint more',
    async (scenario: StandardScenario) => {
      callWithApiKey(scenario)
      const before = await db.apiKey.count()

      const error = await rejectionOf(create('sneaky'))

      expect(error).toBeInstanceOf(ForbiddenError)
      expect(error.message).toBe(
        'API keys are managed by a signed-in person, not with an API key.'
      )
      expect(await db.apiKey.count()).toBe(before)
    }
  )

  scenario('refuses a caller who is not signed in', async () => {
    mockCurrentUser(null)
    const before = await db.apiKey.count()
    await expect(create('anonymous')).rejects.toThrow(AuthenticationError)
    expect(await db.apiKey.count()).toBe(before)
  })
})

describe('revokeApiKey', () => {
  scenario(
    'sets revokedAt, after which the key no longer authenticates',
    async (scenario: StandardScenario) => {
      signInAs(scenario, 'alice')
      const key = scenario.apiKey.aliceNewest
      const secret = fixtureSecret(key.prefix)
      expect((await findActiveApiKey(db, secret))?.id).toBe(key.id)

      const started = Date.now()
      const revoked = await revoke(key.id)

      expect(revoked).toEqual({ ...key, revokedAt: expect.any(Date) })
      expect(revoked.revokedAt!.getTime()).toBeGreaterThanOrEqual(
        started - 1000
      )
      expect(revoked.revokedAt!.getTime()).toBeLessThanOrEqual(Date.now())
      const stored = await db.apiKey.findUniqueOrThrow({
        where: { id: key.id },
      })
      expect(stored.revokedAt).toEqual(revoked.revokedAt)
      expect(await findActiveApiKey(db, secret)).toBeNull()
    }
  )

  scenario(
    'is idempotent: revoking again keeps the first revokedAt',
    async (scenario: StandardScenario) => {
      signInAs(scenario, 'alice')
      const first = await revoke(scenario.apiKey.aliceOldest.id)
      const second = await revoke(scenario.apiKey.aliceOldest.id)
      expect(second.revokedAt).toEqual(first.revokedAt)
      expect(second).toEqual(first)
    }
  )

  scenario(
    'leaves an already revoked key as it was',
    async (scenario: StandardScenario) => {
      signInAs(scenario, 'alice')
      const result = await revoke(scenario.apiKey.aliceRevoked.id)
      expect(result.revokedAt).toEqual(ALICE_REVOKED_AT)
      const stored = await db.apiKey.findUniqueOrThrow({
        where: { id: scenario.apiKey.aliceRevoked.id },
      })
      expect(stored.revokedAt).toEqual(ALICE_REVOKED_AT)
    }
  )

  const expectNoSuchKey = async (scenario: StandardScenario, id: string) => {
    const error = await rejectionOf(revoke(id))

    expect(error).toBeInstanceOf(UserInputError)
    expect(error.message).toBe('id: No such API key.')
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      properties: { messages: { id: ['No such API key.'] } },
    })
    const bobs = await db.apiKey.findUniqueOrThrow({
      where: { id: scenario.apiKey.bobs.id },
    })
    expect(bobs.revokedAt).toBeNull()
  }

  scenario(
    'refuses another user’s key as “No such API key.”, leaving it active',
    async (scenario: StandardScenario) => {
      signInAs(scenario, 'alice')
      await expectNoSuchKey(scenario, scenario.apiKey.bobs.id)
    }
  )

  scenario(
    'refuses an id that does not exist as “No such API key.”',
    async (scenario: StandardScenario) => {
      signInAs(scenario, 'alice')
      await expectNoSuchKey(scenario, 'ckzzzzzzzzzzzzzzzzzzzzzzz')
    }
  )

  scenario(
    'refuses a caller using an API key',
    async (scenario: StandardScenario) => {
      callWithApiKey(scenario)
      await expect(revoke(scenario.apiKey.aliceOldest.id)).rejects.toThrow(
        ForbiddenError
      )
      const stored = await db.apiKey.findUniqueOrThrow({
        where: { id: scenario.apiKey.aliceOldest.id },
      })
      expect(stored.revokedAt).toBeNull()
    }
  )

  scenario(
    'refuses a caller who is not signed in',
    async (scenario: StandardScenario) => {
      mockCurrentUser(null)
      await expect(revoke(scenario.apiKey.aliceOldest.id)).rejects.toThrow(
        AuthenticationError
      )
      const stored = await db.apiKey.findUniqueOrThrow({
        where: { id: scenario.apiKey.aliceOldest.id },
      })
      expect(stored.revokedAt).toBeNull()
    }
  )
})
