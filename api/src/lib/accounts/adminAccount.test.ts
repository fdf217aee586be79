import { db } from 'src/lib/db'

import { ensureAdminAccount } from './adminAccount'
import { verifyPassword } from './passwords'
import { hashSecretToken } from './tokens'

describe('ensureAdminAccount', () => {
  afterEach(async () => {
    await db.user.deleteMany()
  })

  it('creates an admin with a single-use password link and no known password', async () => {
    const result = await ensureAdminAccount('  Owner@Example.COM ')
    expect(result.created).toBe(true)
    expect(result.email).toBe('owner@example.com')
    const token = new URL(result.setupUrl as string).searchParams.get(
      'resetToken'
    ) as string
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const user = await db.user.findUniqueOrThrow({
      where: { email: 'owner@example.com' },
    })
    expect(user.role).toBe('ADMIN')
    expect(user.resetToken).toBe(hashSecretToken(token))
    expect(user.resetTokenExpiresAt?.getTime()).toBe(
      result.setupUrlExpiresAt?.getTime()
    )
    expect(await verifyPassword('', user)).toBe(false)
  })

  it('promotes and re-enables an existing account without touching its password', async () => {
    const existing = await db.user.create({
      data: {
        email: 'member@example.com',
        hashedPassword: 'kept',
        salt: 'kept',
        disabledAt: new Date(),
      },
    })
    const result = await ensureAdminAccount('member@example.com')
    expect(result).toEqual({
      email: 'member@example.com',
      created: false,
      setupUrl: null,
      setupUrlExpiresAt: null,
    })
    const user = await db.user.findUniqueOrThrow({ where: { id: existing.id } })
    expect(user).toMatchObject({
      role: 'ADMIN',
      disabledAt: null,
      hashedPassword: 'kept',
    })
  })

  it('refuses something that is not an email address and creates nothing', async () => {
    await expect(ensureAdminAccount('not-an-address')).rejects.toThrow(
      '"not-an-address" is not an email address.'
    )
    expect(await db.user.count()).toBe(0)
  })
})
