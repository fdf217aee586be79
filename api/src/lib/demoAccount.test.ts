import { readFileSync } from 'node:fs'
import path from 'node:path'

import { parse as parseEnv } from 'dotenv'

import seed from '../../../scripts/seed'

import { verifyPassword } from './accounts/passwords'
import { parseApiKey } from './apiKeys'
import { db } from './db'
import {
  DEMO_API_KEY_PREFIX,
  DEMO_USER_EMAIL,
  demoCredentialProblems,
  isSandboxMode,
} from './demoAccount'
import type { DemoScenario } from './demoAccount.scenarios'

const sandboxEnv = parseEnv(
  readFileSync(path.resolve(__dirname, '../../../scripts/sandbox.env'))
)

const USER_PROBLEM = (id: number) =>
  `The demo user demo@example.com (user id ${id}) is in the database, and its password is published. Remove it with \`yarn rw exec removeDemoAccount\`.`
const KEY_PROBLEM = (userId: number) =>
  `The demo API key demo000000 (of user id ${userId}) is in the database, and its secret is published. Remove it with \`yarn rw exec removeDemoAccount\`.`

describe('the demo identity', () => {
  it('is the account and key scripts/sandbox.env creates', () => {
    expect(sandboxEnv.DEMO_USER_EMAIL).toBe(DEMO_USER_EMAIL)
    expect(parseApiKey(sandboxEnv.DEMO_API_KEY)).toEqual({
      prefix: DEMO_API_KEY_PREFIX,
    })
  })

  it('is allowed only by the sandbox marker scripts/sandbox.env sets', () => {
    expect(sandboxEnv.MMS_SANDBOX).toBe('true')
    expect(isSandboxMode({ ...sandboxEnv, NODE_ENV: 'development' })).toBe(true)
    expect(isSandboxMode({ ...sandboxEnv, NODE_ENV: 'production' })).toBe(false)
    expect(isSandboxMode({ NODE_ENV: 'development' })).toBe(false)
    expect(isSandboxMode({ NODE_ENV: 'development', MMS_SANDBOX: 'yes' })).toBe(
      false
    )
  })

  it('lives in a database of its own in sandbox mode', () => {
    expect(sandboxEnv.DATABASE_URL).toBe('file:./sandbox.db')
  })
})

describe('demoCredentialProblems (the start-up and readiness check)', () => {
  const awsEnv = { NODE_ENV: 'production' }
  const sandbox = { NODE_ENV: 'development', MMS_SANDBOX: 'true' }

  scenario(
    'demoAccount',
    'refuses the demo user and its key outside sandbox mode',
    async (scenario: DemoScenario) => {
      expect(await demoCredentialProblems(db, awsEnv)).toEqual([
        USER_PROBLEM(scenario.user.demo.id),
        KEY_PROBLEM(scenario.user.demo.id),
      ])
      // Development against real AWS (npm start with AWS settings) too.
      expect(
        await demoCredentialProblems(db, { NODE_ENV: 'development' })
      ).toHaveLength(2)
    }
  )

  scenario(
    'demoKeyOnly',
    'refuses the demo key on its own, even revoked and on a real account',
    async (scenario: DemoScenario) => {
      expect(await demoCredentialProblems(db, awsEnv)).toEqual([
        KEY_PROBLEM(scenario.user.alice.id),
      ])
    }
  )

  scenario('demoAccount', 'passes in sandbox mode', async () => {
    expect(await demoCredentialProblems(db, sandbox)).toEqual([])
  })

  scenario(
    'demoAccount',
    'refuses the sandbox marker in a production build, and the demo records with it',
    async () => {
      const problems = await demoCredentialProblems(db, {
        NODE_ENV: 'production',
        MMS_SANDBOX: 'true',
      })
      expect(problems[0]).toBe(
        'MMS_SANDBOX=true marks the local development sandbox and is refused in production (NODE_ENV=production): remove it from the environment.'
      )
      expect(problems).toHaveLength(3)
    }
  )

  scenario('clean', 'passes when neither is present', async () => {
    expect(await demoCredentialProblems(db, awsEnv)).toEqual([])
  })
})

describe('the sandbox seed (scripts/seed.ts)', () => {
  const savedEnv = { ...process.env }
  let info: jest.SpyInstance

  beforeEach(() => {
    info = jest.spyOn(console, 'info').mockImplementation(() => {})
    Object.assign(process.env, {
      MMS_SANDBOX: sandboxEnv.MMS_SANDBOX,
      DEMO_USER_EMAIL: sandboxEnv.DEMO_USER_EMAIL,
      DEMO_USER_PASSWORD: sandboxEnv.DEMO_USER_PASSWORD,
      DEMO_API_KEY: sandboxEnv.DEMO_API_KEY,
    })
  })

  afterEach(() => {
    info.mockRestore()
    for (const name of [
      'MMS_SANDBOX',
      'DEMO_USER_EMAIL',
      'DEMO_USER_PASSWORD',
      'DEMO_API_KEY',
    ]) {
      if (savedEnv[name] === undefined) {
        delete process.env[name]
      } else {
        process.env[name] = savedEnv[name]
      }
    }
  })

  const demoRecords = async () => ({
    users: await db.user.findMany({ where: { email: DEMO_USER_EMAIL } }),
    keys: await db.apiKey.findMany({ where: { prefix: DEMO_API_KEY_PREFIX } }),
  })

  scenario('clean', 'creates the demo account and key', async () => {
    await seed()
    const { users, keys } = await demoRecords()
    expect(users).toHaveLength(1)
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatchObject({ userId: users[0].id, revokedAt: null })
    // The sandbox's admin, with a password the app's own check accepts.
    expect(users[0].role).toBe('ADMIN')
    expect(await verifyPassword(sandboxEnv.DEMO_USER_PASSWORD, users[0])).toBe(true)
  })

  scenario(
    'clean',
    'run twice after the demo key was revoked, leaves it revoked and the password as it was',
    async () => {
      await seed()
      const revokedAt = new Date(Date.UTC(2026, 10, 1, 12))
      await db.apiKey.update({
        where: { prefix: DEMO_API_KEY_PREFIX },
        data: { revokedAt },
      })
      await db.user.update({
        where: { email: DEMO_USER_EMAIL },
        data: { hashedPassword: 'changed|16384|8|1', salt: 'changed' },
      })

      await seed()
      await seed()

      const { users, keys } = await demoRecords()
      expect(keys).toHaveLength(1)
      expect(keys[0].revokedAt).toEqual(revokedAt)
      expect(users).toHaveLength(1)
      expect(users[0]).toMatchObject({
        hashedPassword: 'changed|16384|8|1',
        salt: 'changed',
      })
      expect(info).toHaveBeenLastCalledWith(
        'Demo account demo@example.com is ready; its API key stays revoked.'
      )
    }
  )

  scenario('clean', 'creates nothing outside sandbox mode', async () => {
    delete process.env.MMS_SANDBOX
    await seed()
    expect(await demoRecords()).toEqual({ users: [], keys: [] })
  })

  scenario(
    'clean',
    'refuses a demo identity the api would not recognise, creating nothing',
    async () => {
      process.env.DEMO_USER_EMAIL = 'someone@example.com'
      await expect(seed()).rejects.toThrow(
        'DEMO_USER_EMAIL must be demo@example.com and DEMO_API_KEY a well-formed key with prefix demo000000 (api/src/lib/demoAccount.ts).'
      )
      expect(
        await db.user.count({ where: { email: 'someone@example.com' } })
      ).toBe(0)
      expect(await demoRecords()).toEqual({ users: [], keys: [] })
    }
  )
})
