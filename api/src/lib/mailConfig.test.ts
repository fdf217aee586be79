import { ConfigError } from './config'
import { readMailConfig } from './mailConfig'

// readMailConfig takes the environment as an argument, so these tests never
// touch process.env.
const VALID_ENV = {
  SMTP_HOST: 'smtp.example.com',
  SMTP_PORT: '587',
  SMTP_SECURE: 'false',
  SMTP_USER: 'mailer',
  SMTP_PASSWORD: 's3cret-Passw0rd',
  MAIL_FROM: 'MMS <no-reply@example.com>',
}

const configErrorFor = (
  env: Record<string, string | undefined>
): ConfigError => {
  try {
    readMailConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return error as ConfigError
  }
  throw new Error(`readMailConfig accepted ${JSON.stringify(env)}`)
}

describe('readMailConfig', () => {
  it('reads a full valid environment; STARTTLS is required off this machine', () => {
    expect(readMailConfig(VALID_ENV)).toEqual({
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      requireTls: true,
      auth: { user: 'mailer', pass: 's3cret-Passw0rd' },
      from: 'MMS <no-reply@example.com>',
    })
  })

  it('takes a server on this machine without a login or TLS (the sandbox catcher)', () => {
    expect(
      readMailConfig({
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: '1025',
        SMTP_SECURE: 'false',
        MAIL_FROM: 'no-reply@example.com',
      })
    ).toEqual({
      host: '127.0.0.1',
      port: 1025,
      secure: false,
      requireTls: false,
      from: 'no-reply@example.com',
    })
    expect(
      readMailConfig({ SMTP_HOST: 'localhost', MAIL_FROM: 'a@example.com' })
        .requireTls
    ).toBe(false)
  })

  it('defaults the port from SMTP_SECURE, and SMTP_SECURE from the port', () => {
    const base = { SMTP_HOST: 'smtp.example.com', MAIL_FROM: 'a@example.com' }
    expect(readMailConfig(base)).toMatchObject({ port: 587, secure: false })
    expect(readMailConfig({ ...base, SMTP_SECURE: 'true' })).toMatchObject({
      port: 465,
      secure: true,
      requireTls: false,
    })
    expect(readMailConfig({ ...base, SMTP_PORT: '465' })).toMatchObject({
      port: 465,
      secure: true,
    })
    expect(
      readMailConfig({ ...base, SMTP_PORT: '465', SMTP_SECURE: 'FALSE' })
    ).toMatchObject({ port: 465, secure: false })
  })

  it('names every problem at once', () => {
    const error = configErrorFor({
      SMTP_PORT: '70000',
      SMTP_SECURE: 'yes',
      SMTP_USER: 'mailer',
      MAIL_FROM: 'no-reply@example.com, other@example.com',
    })
    expect(error.problems).toEqual([
      'SMTP_HOST is not set: the SMTP server that sends invitations and password resets (e.g. smtp.example.com).',
      'SMTP_SECURE must be true (TLS from the start, usually port 465) or false (STARTTLS, usually port 587) (got "yes").',
      'SMTP_PORT must be a whole number from 1 to 65535 (got "70000").',
      'SMTP_PASSWORD is not set, but SMTP_USER is: set both or neither.',
      'MAIL_FROM must be one address, as name@example.com or Name <name@example.com>, without commas (got "no-reply@example.com, other@example.com").',
    ])
    expect(error.message).toMatch(
      /^The MMS service is not configured correctly:/
    )
  })

  it('says MAIL_FROM is missing, and refuses a host given as a URL', () => {
    expect(
      configErrorFor({ SMTP_HOST: 'smtp://smtp.example.com:587' }).problems
    ).toEqual([
      'SMTP_HOST must be a host name or IP address only, without scheme or port (got "smtp://smtp.example.com:587").',
      'MAIL_FROM is not set: the sender of invitations and password resets (e.g. MMS <no-reply@example.com>).',
    ])
  })

  it('refuses a sender that would add a header or a second address', () => {
    for (const from of [
      'MMS <no-reply@example.com>\r\nBcc: victim@example.com',
      'Doe, Jane <jane@example.com>',
      'not-an-address',
      'MMS <no-reply@example>',
    ]) {
      expect(
        configErrorFor({ ...VALID_ENV, MAIL_FROM: from }).problems
      ).toEqual([expect.stringMatching(/^MAIL_FROM must be one address/)])
    }
  })

  it('never repeats SMTP_PASSWORD in a problem', () => {
    const error = configErrorFor({
      SMTP_HOST: 'smtp.example.com',
      SMTP_PASSWORD: 'only-the-password',
      MAIL_FROM: 'a@example.com',
    })
    expect(error.problems).toEqual([
      'SMTP_USER is not set, but SMTP_PASSWORD is: set both or neither.',
    ])
    expect(error.message).not.toContain('only-the-password')
  })
})
