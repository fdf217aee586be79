import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'

import { decryptSession, encryptSession } from '@redwoodjs/auth-dbauth-api'
import type { InMemoryMailHandler } from '@redwoodjs/mailer-handler-in-memory'
import { mockContext, mockHttpEvent } from '@redwoodjs/testing/api'

import { resetAccountsConfig } from 'src/lib/accounts/accountsConfig'
import { forgetRememberedLoginLocks } from 'src/lib/accounts/loginThrottle'
import { SESSION_COOKIE_NAME } from 'src/lib/accounts/sessions'
import { hashSecretToken } from 'src/lib/accounts/tokens'
import { issueApiKey } from 'src/lib/apiKeys'
import { db } from 'src/lib/db'
import { mailer } from 'src/lib/mailer'

import { handler as authHandler } from './auth'
import {
  ADMIN_PASSWORD,
  MEMBER_PASSWORD,
  type StandardScenario,
} from './auth.scenarios'
import { handler as graphqlHandler } from './graphql'

// Every log-in hashes a password with scrypt; on a loaded 2-core machine a
// file of them needs more than jest's 5 s per hook.
jest.setTimeout(60_000)

// ---- calling the real handlers as a browser or a script would ----

const ATTACKER_IP = '203.0.113.7'

const callAuth = async (
  body: Record<string, unknown>,
  { cookie, ip = '198.51.100.1' }: { cookie?: string; ip?: string } = {}
) =>
  (await authHandler(
    mockHttpEvent({
      httpMethod: 'POST',
      path: '/auth',
      headers: {
        'content-type': 'application/json',
        ...(cookie ? { cookie } : {}),
      },
      payload: JSON.stringify(body),
      // The handler reads only the caller's address from the request context.
      requestContext: {
        identity: { sourceIp: ip },
      } as APIGatewayProxyEvent['requestContext'],
    })
  )) as APIGatewayProxyResult

const getToken = async (cookie?: string) =>
  (await authHandler(
    mockHttpEvent({
      httpMethod: 'GET',
      path: '/auth',
      queryStringParameters: { method: 'getToken' },
      headers: cookie ? { cookie } : {},
    })
  )) as APIGatewayProxyResult

const bodyOf = (response: APIGatewayProxyResult) =>
  response.body ? JSON.parse(response.body) : null

/** The `name=value` part of the session cookie a response sets. */
const sessionCookieOf = (response: APIGatewayProxyResult): string => {
  const header = String(response.headers?.['set-cookie'] ?? '')
  const pair = header.split(';')[0]
  expect(pair).toMatch(new RegExp(`^${SESSION_COOKIE_NAME}=[A-Za-z0-9_-]{43}$`))
  return pair
}

const login = async (username: string, password: string, ip?: string) =>
  callAuth({ method: 'login', username, password }, { ip })

const signedInCookie = async (username: string, password: string) => {
  const response = await login(username, password)
  expect(response.statusCode).toBe(200)
  return sessionCookieOf(response)
}

const graphql = async (
  query: string,
  {
    cookie,
    apiKey,
    variables,
  }: { cookie?: string; apiKey?: string; variables?: Record<string, unknown> }
) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (cookie) {
    // What Redwood's dbAuth web client sends: the provider, the token from
    // getToken (the user id) and the cookie.
    headers.cookie = cookie
    headers['auth-provider'] = 'dbAuth'
    headers.authorization = 'Bearer 1'
  }
  if (apiKey) {
    headers.authorization = `Bearer ${apiKey}`
  }
  const response = await graphqlHandler(
    mockHttpEvent({
      httpMethod: 'POST',
      path: '/graphql',
      headers,
      payload: JSON.stringify({ query, variables }),
    }),
    mockContext()
  )
  return JSON.parse(response.body)
}

const CURRENT_USER = '{ redwood { currentUser } }'
const MY_MESSAGES = '{ mmsMessages { nodes { id messageBody } } }'

const whoIs = async (cookie: string) =>
  (await graphql(CURRENT_USER, { cookie })).data?.redwood?.currentUser ?? null

/** Asserts that a cookie opens nothing: neither getToken nor GraphQL. */
const expectRefused = async (cookie: string) => {
  const token = await getToken(cookie)
  expect(token.statusCode).toBe(200)
  expect(token.body).toBe('')
  expect(await whoIs(cookie)).toBeNull()
  const messages = await graphql(MY_MESSAGES, { cookie })
  expect(messages.data).toBeNull()
  expect(messages.errors[0].extensions.code).toBe('UNAUTHENTICATED')
}

const withEnv = (values: Record<string, string | undefined>) => {
  const saved: Record<string, string | undefined> = {}
  beforeEach(() => {
    for (const [name, value] of Object.entries(values)) {
      saved[name] = process.env[name]
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    resetAccountsConfig()
  })
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    resetAccountsConfig()
  })
}

const signUp = (
  username: string,
  password: string,
  extra: Record<string, unknown> = {}
) => callAuth({ method: 'signup', username, password, ...extra })

/** The token of the link in the newest email to `to` (Redwood's in-memory test mail handler). */
const linkTokenFromMail = async (
  to: string,
  parameter: string
): Promise<string> => {
  const inbox = () =>
    testMailHandler().inbox.filter((mail) => mail.to.includes(to))
  // forgotPassword sends without holding up its answer.
  for (let i = 0; i < 50 && inbox().length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const mail = inbox().at(-1)
  expect(mail).toBeDefined()
  const match = new RegExp(`[?&]${parameter}=([A-Za-z0-9_-]{43})`).exec(
    String(mail?.textContent)
  )
  expect(match).not.toBeNull()
  return (match as RegExpExecArray)[1]
}

const testMailHandler = () =>
  mailer().getTestHandler() as unknown as InMemoryMailHandler

beforeEach(() => testMailHandler().clearInbox())

const messageFor = (userId: number, messageBody: string) =>
  db.mmsMessage.create({
    data: {
      userId,
      provider: 'aws',
      originationIdentity: '+18445550100',
      destinationPhoneNumber: '+12065550123',
      messageBody,
      requestHash: `hash-${messageBody}`,
      status: 'SENT',
    },
  })

// ---- the attacks ----

describe('session cookies', () => {
  withEnv({ SIGNUP_POLICY: 'open', SIGNUP_EMAIL_DOMAINS: undefined })

  scenario(
    'an altered cookie of a signed-up user never acts as another user',
    async () => {
      // Two users sign up through the real function, as strangers would.
      const victim = await signUp('victim@example.org', 'victim-password-1')
      const attacker = await signUp(
        'attacker@example.org',
        'attacker-password-1'
      )
      expect(victim.statusCode).toBe(201)
      expect(attacker.statusCode).toBe(201)
      const victimId = bodyOf(victim).id as number
      await messageFor(victimId, 'victim secret')

      const cookie = sessionCookieOf(attacker)
      expect((await whoIs(cookie)).email).toBe('attacker@example.org')

      // Every single-character change anywhere in the secret is refused.
      const [name, value] = cookie.split('=')
      const alphabet =
        'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
      for (let i = 0; i < value.length; i++) {
        const swapped =
          alphabet[(alphabet.indexOf(value[i]) + 1) % alphabet.length]
        const forged = `${name}=${value.slice(0, i)}${swapped}${value.slice(i + 1)}`
        expect((await getToken(forged)).body).toBe('')
        expect(await whoIs(forged)).toBeNull()
      }
      // And one forged cookie is checked through a data query too.
      await expectRefused(
        `${name}=${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}`
      )
      // A truncated or padded cookie is not a session either.
      await expectRefused(`${name}=${value.slice(1)}`)
      await expectRefused(`${name}=${value}A`)
    }
  )

  scenario(
    "dbAuth's own cookie with its IV flipped to another user's id opens nothing",
    async () => {
      const victim = bodyOf(
        await signUp('victim@example.org', 'victim-password-1')
      )
      const attacker = bodyOf(
        await signUp('attacker@example.org', 'attacker-password-1')
      )
      await messageFor(victim.id, 'victim secret')

      // The cookie dbAuth 8 would have issued to the attacker: AES-256-CBC of
      // `{"id":N,"email":...};csrf` with no MAC.
      process.env.SESSION_SECRET = 'a-session-secret-of-at-least-32-characters'
      const plaintext = `{"id":${attacker.id},"email":"attacker@example.org"};csrf-token`
      const [cipherText, iv] = encryptSession(plaintext).split('|')
      // XOR the IV so the first block decrypts to the victim's id (JSON
      // allows the space that pads a shorter id).
      const ownPrefix = `{"id":${attacker.id}`
      const block = (prefix: string) =>
        Buffer.from(`${prefix},"email"`.slice(0, 16))
      const from = block(ownPrefix)
      const to = block(`{"id":${victim.id}`.padEnd(ownPrefix.length, ' '))
      const ivBytes = Buffer.from(iv, 'base64')
      for (let i = 0; i < 16; i++) ivBytes[i] ^= from[i] ^ to[i]
      const forgedLegacy = `${cipherText}|${ivBytes.toString('base64')}`
      // The forgery is real: dbAuth's own decryption reads the victim's id.
      expect(decryptSession(forgedLegacy)[0]).toEqual({
        id: victim.id,
        email: 'attacker@example.org',
      })
      for (const cookieName of ['session_8911', 'session']) {
        await expectRefused(`${cookieName}=${forgedLegacy}`)
      }
    }
  )

  scenario('a cookie stops working at logout', async () => {
    const cookie = await signedInCookie('member@example.com', MEMBER_PASSWORD)
    expect((await whoIs(cookie)).email).toBe('member@example.com')
    const out = await callAuth({ method: 'logout' }, { cookie })
    expect(out.statusCode).toBe(200)
    expect(String(out.headers?.['set-cookie'])).toMatch(/Max-Age=0/)
    // A copy kept by an attacker is replayed after logout.
    await expectRefused(cookie)
  })

  scenario(
    'sessions end after the idle time and the absolute lifetime',
    async () => {
      const idle = await signedInCookie('member@example.com', MEMBER_PASSWORD)
      const old = await signedInCookie('member@example.com', MEMBER_PASSWORD)
      const sessions = await db.session.findMany({
        orderBy: { createdAt: 'asc' },
      })
      expect(sessions).toHaveLength(2)
      // 12 h idle by default: last seen 13 h ago.
      await db.session.update({
        where: { id: sessions[0].id },
        data: { lastSeenAt: new Date(Date.now() - 13 * 3_600_000) },
      })
      // Past its absolute end although active a moment ago.
      await db.session.update({
        where: { id: sessions[1].id },
        data: { expiresAt: new Date(Date.now() - 1000) },
      })
      await expectRefused(idle)
      await expectRefused(old)
    }
  )

  scenario(
    'the cookie is HttpOnly, SameSite=Strict and Secure in production',
    async () => {
      const response = await login('member@example.com', MEMBER_PASSWORD)
      const header = String(response.headers?.['set-cookie'])
      expect(header).toMatch(/HttpOnly/)
      expect(header).toMatch(/SameSite=Strict/)
      expect(header).not.toMatch(/Secure/) // NODE_ENV=test
      const nodeEnv = process.env.NODE_ENV
      process.env.NODE_ENV = 'production'
      resetAccountsConfig()
      try {
        const secure = await login('member@example.com', MEMBER_PASSWORD)
        expect(String(secure.headers?.['set-cookie'])).toMatch(/; Secure/)
      } finally {
        process.env.NODE_ENV = nodeEnv
        resetAccountsConfig()
      }
    }
  )
})

describe('ending sessions on the server', () => {
  scenario('a password reset ends every session', async () => {
    const stolen = await signedInCookie('member@example.com', MEMBER_PASSWORD)
    const forgot = await callAuth({
      method: 'forgotPassword',
      username: 'member@example.com',
    })
    expect(forgot.statusCode).toBe(200)
    // The link is only in the email; the database keeps its hash.
    const token = await linkTokenFromMail('member@example.com', 'resetToken')
    const user = await db.user.findUniqueOrThrow({
      where: { email: 'member@example.com' },
    })
    expect(user.resetToken).toBe(hashSecretToken(token))
    const reset = await callAuth({
      method: 'resetPassword',
      resetToken: token,
      password: 'brand-new-password',
    })
    expect(reset.statusCode).toBe(200)
    await expectRefused(stolen)
    const fresh = sessionCookieOf(reset)
    expect((await whoIs(fresh)).email).toBe('member@example.com')
    // The link works once.
    const again = await callAuth({
      method: 'resetPassword',
      resetToken: token,
      password: 'another-password-2',
    })
    expect(again.statusCode).toBe(400)
    expect(bodyOf(again).error).toMatch(/not valid or has expired/)
  })

  scenario(
    'changing the password ends the other sessions, not this one',
    async () => {
      const here = await signedInCookie('member@example.com', MEMBER_PASSWORD)
      const elsewhere = await signedInCookie(
        'member@example.com',
        MEMBER_PASSWORD
      )
      const result = await graphql(
        'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }',
        {
          cookie: here,
          variables: { c: MEMBER_PASSWORD, n: 'changed-password-9' },
        }
      )
      expect(result.data.changePassword).toBe(true)
      expect((await whoIs(here)).email).toBe('member@example.com')
      await expectRefused(elsewhere)
      expect(
        (await login('member@example.com', MEMBER_PASSWORD)).statusCode
      ).toBe(400)
      expect(
        (await login('member@example.com', 'changed-password-9')).statusCode
      ).toBe(200)
    }
  )

  scenario('changing the password needs the current one', async () => {
    const here = await signedInCookie('member@example.com', MEMBER_PASSWORD)
    const result = await graphql(
      'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }',
      {
        cookie: here,
        variables: { c: 'not-my-password', n: 'changed-password-9' },
      }
    )
    expect(result.errors[0].extensions.code).toBe('BAD_USER_INPUT')
    expect(
      result.errors[0].extensions.properties.messages.currentPassword
    ).toEqual(['This is not your current password.'])
    expect(
      (await login('member@example.com', MEMBER_PASSWORD)).statusCode
    ).toBe(200)
  })

  scenario(
    'an admin disabling an account stops its cookie and its API keys at once',
    async (scenario: StandardScenario) => {
      const adminCookie = await signedInCookie(
        'admin@example.com',
        ADMIN_PASSWORD
      )
      const memberCookie = await signedInCookie(
        'member@example.com',
        MEMBER_PASSWORD
      )
      const { secret } = await issueApiKey(
        db,
        scenario.user.member.id,
        'billing'
      )
      expect(
        (await graphql(CURRENT_USER, { apiKey: secret })).data.redwood
          .currentUser.email
      ).toBe('member@example.com')

      const disable = await graphql(
        'mutation ($id: Int!) { setMemberDisabled(id: $id, disabled: true) { id disabledAt } }',
        { cookie: adminCookie, variables: { id: scenario.user.member.id } }
      )
      expect(disable.data.setMemberDisabled.disabledAt).not.toBeNull()
      await expectRefused(memberCookie)
      expect(
        (await graphql(MY_MESSAGES, { apiKey: secret })).errors[0].extensions
          .code
      ).toBe('UNAUTHENTICATED')
      const refusedLogin = await login('member@example.com', MEMBER_PASSWORD)
      expect(refusedLogin.statusCode).toBe(403)
      expect(bodyOf(refusedLogin).error).toMatch(/disabled/)

      await graphql(
        'mutation ($id: Int!) { setMemberDisabled(id: $id, disabled: false) { id } }',
        { cookie: adminCookie, variables: { id: scenario.user.member.id } }
      )
      // Re-enabling does not bring old sessions back; the key works again.
      await expectRefused(memberCookie)
      expect(
        (await graphql(CURRENT_USER, { apiKey: secret })).data.redwood
          .currentUser.email
      ).toBe('member@example.com')
    }
  )
})

describe('admin-only operations', () => {
  scenario(
    'a member, and an admin’s API key, cannot manage members',
    async (scenario: StandardScenario) => {
      const memberCookie = await signedInCookie(
        'member@example.com',
        MEMBER_PASSWORD
      )
      const asMember = await graphql('{ members { id email } }', {
        cookie: memberCookie,
      })
      expect(asMember.errors[0].extensions.code).toBe('FORBIDDEN')
      const disable = await graphql(
        'mutation ($id: Int!) { setMemberDisabled(id: $id, disabled: true) { id } }',
        { cookie: memberCookie, variables: { id: scenario.user.admin.id } }
      )
      expect(disable.errors[0].extensions.code).toBe('FORBIDDEN')
      expect(
        (
          await db.user.findUniqueOrThrow({
            where: { id: scenario.user.admin.id },
          })
        ).disabledAt
      ).toBeNull()

      const { secret } = await issueApiKey(db, scenario.user.admin.id, 'ops')
      const asKey = await graphql('{ members { id } }', { apiKey: secret })
      expect(asKey.errors[0].extensions.code).toBe('FORBIDDEN')
    }
  )

  scenario(
    'an admin sees members with their limits and usage',
    async (scenario: StandardScenario) => {
      const adminCookie = await signedInCookie(
        'admin@example.com',
        ADMIN_PASSWORD
      )
      await messageFor(scenario.user.member.id, 'today')
      const limits = await graphql(
        'mutation ($id: Int!) { setMemberLimits(id: $id, sendRatePerMinute: 2, dailySendQuota: 50) { sendRatePerMinute dailySendQuota sendRatePerMinuteOverride } }',
        { cookie: adminCookie, variables: { id: scenario.user.member.id } }
      )
      expect(limits.data.setMemberLimits).toEqual({
        sendRatePerMinute: 2,
        dailySendQuota: 50,
        sendRatePerMinuteOverride: 2,
      })
      const list = await graphql(
        '{ members { email role sentToday dailySendQuota dailySendQuotaOverride } }',
        { cookie: adminCookie }
      )
      expect(list.data.members).toEqual([
        expect.objectContaining({
          email: 'admin@example.com',
          role: 'ADMIN',
          sentToday: 0,
          dailySendQuotaOverride: null,
        }),
        expect.objectContaining({
          email: 'member@example.com',
          role: 'MEMBER',
          sentToday: 1,
          dailySendQuota: 50,
        }),
      ])
      const bad = await graphql(
        'mutation ($id: Int!) { setMemberLimits(id: $id, sendRatePerMinute: -1) { id } }',
        { cookie: adminCookie, variables: { id: scenario.user.member.id } }
      )
      expect(
        bad.errors[0].extensions.properties.messages.sendRatePerMinute[0]
      ).toMatch(/whole number/)
      const self = await graphql(
        'mutation ($id: Int!) { setMemberDisabled(id: $id, disabled: true) { id } }',
        { cookie: adminCookie, variables: { id: scenario.user.admin.id } }
      )
      expect(self.errors[0].extensions.properties.messages.id).toEqual([
        'You cannot disable your own account.',
      ])
    }
  )
})

describe('sign-up policy', () => {
  describe('closed (the default outside the sandbox)', () => {
    withEnv({ SIGNUP_POLICY: undefined, MMS_SANDBOX: undefined })

    scenario('refuses a stranger and records nothing', async () => {
      const before = await db.user.count()
      const response = await signUp('stranger@example.org', 'stranger-password')
      expect(response.statusCode).toBe(403)
      expect(bodyOf(response).error).toBe(
        'Sign-up is closed. Ask an admin of this service for an account.'
      )
      expect(response.headers?.['set-cookie']).toBeUndefined()
      expect(await db.user.count()).toBe(before)
    })

    it('lets the first account on an empty database in, as the admin', async () => {
      await db.session.deleteMany()
      await db.user.deleteMany()
      try {
        const first = await signUp('Owner@Example.org', 'owner-password-1')
        expect(first.statusCode).toBe(201)
        const owner = await db.user.findUniqueOrThrow({
          where: { email: 'owner@example.org' },
        })
        expect(owner.role).toBe('ADMIN')
        expect((await whoIs(sessionCookieOf(first))).roles).toEqual(['ADMIN'])
        expect(
          (await signUp('second@example.org', 'second-password')).statusCode
        ).toBe(403)
      } finally {
        await db.session.deleteMany()
        await db.user.deleteMany()
      }
    })
  })

  describe('invite', () => {
    withEnv({ SIGNUP_POLICY: 'invite' })

    scenario('refuses sign-up without an invitation', async () => {
      const response = await signUp('stranger@example.org', 'stranger-password')
      expect(response.statusCode).toBe(403)
      expect(bodyOf(response).error).toMatch(/by invitation only/)
    })

    scenario(
      'an invitation works once, for its address, until it expires',
      async () => {
        const adminCookie = await signedInCookie(
          'admin@example.com',
          ADMIN_PASSWORD
        )
        const issued = await graphql(
          'mutation { inviteMember(email: "New.Person@Example.org") { inviteUrl emailSent invitation { id email role expiresAt invitedBy } } }',
          { cookie: adminCookie }
        )
        const { inviteUrl, invitation } = issued.data.inviteMember
        expect(invitation).toMatchObject({
          email: 'new.person@example.org',
          role: 'MEMBER',
          invitedBy: 'admin@example.com',
        })
        const token = new URL(inviteUrl).searchParams.get(
          'invitationToken'
        ) as string
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
        expect(issued.data.inviteMember.emailSent).toBe(true)
        expect(
          await linkTokenFromMail('new.person@example.org', 'invitationToken')
        ).toBe(token)
        expect(
          await db.invitation.count({
            where: { tokenHash: hashSecretToken(token) },
          })
        ).toBe(1)

        const check = await callAuth({
          method: 'validateInvitation',
          invitationToken: token,
        })
        expect(bodyOf(check)).toMatchObject({
          email: 'new.person@example.org',
          role: 'MEMBER',
        })

        const wrongAddress = await signUp(
          'someone.else@example.org',
          'new-person-pass',
          { invitationToken: token }
        )
        expect(wrongAddress.statusCode).toBe(403)
        expect(bodyOf(wrongAddress).error).toBe(
          'This invitation is for new.person@example.org. Sign up with that address.'
        )

        const accepted = await signUp(
          'new.person@example.org',
          'new-person-pass',
          { invitationToken: token }
        )
        expect(accepted.statusCode).toBe(201)
        expect((await whoIs(sessionCookieOf(accepted))).roles).toEqual([
          'MEMBER',
        ])

        // Reused: refused, nothing created.
        const reused = await signUp('other@example.org', 'other-person-pass', {
          invitationToken: token,
        })
        expect(reused.statusCode).toBe(403)
        expect(bodyOf(reused).error).toMatch(
          /not valid, has expired or was already used/
        )
        expect(
          await db.user.findUnique({ where: { email: 'other@example.org' } })
        ).toBeNull()
      }
    )

    scenario('an expired or revoked invitation is refused', async () => {
      const adminCookie = await signedInCookie(
        'admin@example.com',
        ADMIN_PASSWORD
      )
      const invite = async (email: string) => {
        const { inviteUrl, invitation } = (
          await graphql(
            `mutation { inviteMember(email: "${email}") { inviteUrl invitation { id } } }`,
            {
              cookie: adminCookie,
            }
          )
        ).data.inviteMember
        return {
          id: invitation.id as string,
          token: new URL(inviteUrl).searchParams.get('invitationToken'),
        }
      }
      const expired = await invite('late@example.org')
      await db.invitation.update({
        where: { id: expired.id },
        data: { expiresAt: new Date(Date.now() - 1) },
      })
      const late = await signUp('late@example.org', 'late-person-pass', {
        invitationToken: expired.token,
      })
      expect(late.statusCode).toBe(403)

      const revoked = await invite('revoked@example.org')
      const revoke = await graphql(
        `mutation { revokeInvitation(id: "${revoked.id}") { id } }`,
        { cookie: adminCookie }
      )
      expect(revoke.data.revokeInvitation.id).toBe(revoked.id)
      const refused = await signUp('revoked@example.org', 'revoked-person', {
        invitationToken: revoked.token,
      })
      expect(refused.statusCode).toBe(403)
      expect(
        await db.user.count({
          where: { email: { in: ['late@example.org', 'revoked@example.org'] } },
        })
      ).toBe(0)
    })
  })

  describe('open, limited to domains', () => {
    withEnv({ SIGNUP_POLICY: 'open', SIGNUP_EMAIL_DOMAINS: 'example.org' })

    scenario('lets in only the listed domains', async () => {
      expect((await signUp('a@example.org', 'a-password-1')).statusCode).toBe(
        201
      )
      const other = await signUp('b@elsewhere.net', 'b-password-1')
      expect(other.statusCode).toBe(403)
      expect(bodyOf(other).error).toBe(
        'Sign-up is open only to addresses at example.org.'
      )
    })
  })
})

describe('email addresses', () => {
  withEnv({ SIGNUP_POLICY: 'open', SIGNUP_EMAIL_DOMAINS: undefined })

  scenario(
    'are compared without regard to case in sign-up, log-in and reset',
    async () => {
      expect(
        (await signUp('  Mixed.Case@Example.ORG ', 'mixed-password')).statusCode
      ).toBe(201)
      expect(
        (await signUp('mixed.case@example.org', 'mixed-password')).statusCode
      ).toBe(400)
      expect(
        (await login('MIXED.CASE@example.org', 'mixed-password')).statusCode
      ).toBe(200)
      expect(
        (await login('mixed.case@EXAMPLE.org', 'mixed-password')).statusCode
      ).toBe(200)
      await callAuth({
        method: 'forgotPassword',
        username: 'Mixed.Case@Example.Org',
      })
      const user = await db.user.findUniqueOrThrow({
        where: { email: 'mixed.case@example.org' },
      })
      expect(user.resetToken).not.toBeNull()
    }
  )

  scenario(
    'forgot-password answers the same whether or not the account exists',
    async () => {
      const known = await callAuth({
        method: 'forgotPassword',
        username: 'member@example.com',
      })
      const unknown = await callAuth({
        method: 'forgotPassword',
        username: 'nobody@example.com',
      })
      expect(unknown.statusCode).toBe(known.statusCode)
      expect(unknown.body).toBe(known.body)
      expect(unknown.headers).toEqual(known.headers)
      await linkTokenFromMail('member@example.com', 'resetToken')
      expect(testMailHandler().inbox.map((mail) => mail.to)).toEqual([
        ['member@example.com'],
      ])
    }
  )
})

describe('log-in brute force', () => {
  // Stands in for the lock's time passing; the api keeps a lock it has read
  // for a few seconds, so it forgets it too.
  const endLockInDatabase = async (key: string) => {
    await db.loginThrottle.update({
      where: { key },
      data: { lockedUntil: new Date(Date.now() - 1) },
    })
    forgetRememberedLoginLocks()
  }
  beforeEach(() => forgetRememberedLoginLocks())

  scenario(
    'an account is locked after 5 failures, even for the right password',
    async () => {
      for (let i = 0; i < 5; i++) {
        const response = await login(
          'member@example.com',
          `guess-${i}`,
          ATTACKER_IP
        )
        expect(response.statusCode).toBe(400)
        expect(bodyOf(response).error).toBe(
          'The email address or password is not right.'
        )
      }
      const locked = await login(
        'member@example.com',
        MEMBER_PASSWORD,
        '198.51.100.20'
      )
      expect(locked.statusCode).toBe(429)
      expect(bodyOf(locked).error).toBe(
        'Too many failed log-ins for this account. Try again in 15 seconds.'
      )
      expect(locked.headers?.['set-cookie']).toBeUndefined()

      // Each further failure doubles the wait.
      await endLockInDatabase('account:member@example.com')
      await login('member@example.com', 'guess-6', ATTACKER_IP)
      const longer = await login('member@example.com', MEMBER_PASSWORD)
      expect(bodyOf(longer).error).toBe(
        'Too many failed log-ins for this account. Try again in 30 seconds.'
      )

      // When the lock ends, the right password works and clears the count.
      await endLockInDatabase('account:member@example.com')
      expect(
        (await login('member@example.com', MEMBER_PASSWORD)).statusCode
      ).toBe(200)
      expect(
        await db.loginThrottle.findUnique({
          where: { key: 'account:member@example.com' },
        })
      ).toBeNull()
    }
  )

  scenario(
    'an address is locked after 20 failures across accounts',
    async () => {
      for (let i = 0; i < 20; i++) {
        await login(`nobody-${i}@example.com`, 'guess', ATTACKER_IP)
      }
      const fromAttacker = await login(
        'member@example.com',
        MEMBER_PASSWORD,
        ATTACKER_IP
      )
      expect(fromAttacker.statusCode).toBe(429)
      expect(bodyOf(fromAttacker).error).toMatch(/from your network/)
      // Someone else is not affected.
      expect(
        (await login('member@example.com', MEMBER_PASSWORD, '198.51.100.30'))
          .statusCode
      ).toBe(200)
    }
  )

  scenario(
    'unknown accounts and wrong passwords get the same answer',
    async () => {
      const unknown = await login('nobody@example.com', 'whatever-1')
      const wrong = await login('member@example.com', 'whatever-1')
      expect(unknown.statusCode).toBe(wrong.statusCode)
      expect(unknown.body).toBe(wrong.body)
    }
  )
})
