import { ConfigError, readInteger, type Env } from './config'

/** How the api sends email (invitations, password resets), checked once. */
export interface MailConfig {
  host: string
  port: number
  /** TLS from the first byte (SMTPS, usually port 465). */
  secure: boolean
  /**
   * Refuse to send unless the connection is upgraded with STARTTLS. On for
   * every host but this machine: the links in these emails are credentials.
   */
  requireTls: boolean
  /** Absent when the server takes mail without logging in. */
  auth?: { user: string; pass: string }
  /** e.g. `MMS <no-reply@example.com>` */
  from: string
}

const HOST_PATTERN =
  /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[?[0-9A-Fa-f:.]+\]?)$/
const ADDRESS =
  '[^\\s@<>(),;:"\\[\\]]+@[^\\s@<>(),;:"\\[\\]]+\\.[^\\s@<>(),;:"\\[\\]]+'
// One sender: `address` or `Display Name <address>`. No commas or line
// breaks, which would make a second address or a second header.
const FROM_PATTERN = new RegExp(`^(?:${ADDRESS}|[^<>,;\\r\\n"]*<${ADDRESS}>)$`)

const isLoopback = (host: string): boolean =>
  host === 'localhost' ||
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
  host === '::1' ||
  host === '[::1]'

export const readMailConfig = (env: Env = process.env): MailConfig => {
  const problems: string[] = []
  const value = (name: string) => env[name]?.trim() ?? ''

  const host = value('SMTP_HOST')
  if (!host) {
    problems.push(
      'SMTP_HOST is not set: the SMTP server that sends invitations and password resets (e.g. smtp.example.com).'
    )
  } else if (!HOST_PATTERN.test(host)) {
    problems.push(
      `SMTP_HOST must be a host name or IP address only, without scheme or port (got "${host}").`
    )
  }

  const rawSecure = value('SMTP_SECURE').toLowerCase()
  const rawPort = value('SMTP_PORT')
  let secure = rawSecure === 'true' || (rawSecure === '' && rawPort === '465')
  if (rawSecure !== '' && rawSecure !== 'true' && rawSecure !== 'false') {
    problems.push(
      `SMTP_SECURE must be true (TLS from the start, usually port 465) or false (STARTTLS, usually port 587) (got "${value('SMTP_SECURE')}").`
    )
    secure = false
  }

  const port = readInteger(
    { SMTP_PORT: rawPort },
    'SMTP_PORT',
    secure ? 465 : 587,
    1,
    65535,
    problems
  )

  // Never echo SMTP_PASSWORD, not even in part.
  const user = value('SMTP_USER')
  const pass = env.SMTP_PASSWORD ?? ''
  if (user && !pass) {
    problems.push(
      'SMTP_PASSWORD is not set, but SMTP_USER is: set both or neither.'
    )
  } else if (pass && !user) {
    problems.push(
      'SMTP_USER is not set, but SMTP_PASSWORD is: set both or neither.'
    )
  }

  const from = value('MAIL_FROM')
  if (!from) {
    problems.push(
      'MAIL_FROM is not set: the sender of invitations and password resets (e.g. MMS <no-reply@example.com>).'
    )
  } else if (!FROM_PATTERN.test(from)) {
    problems.push(
      `MAIL_FROM must be one address, as name@example.com or Name <name@example.com>, without commas (got "${from}").`
    )
  }

  if (problems.length > 0) {
    throw new ConfigError(problems)
  }
  return {
    host,
    port,
    secure,
    requireTls: !secure && !isLoopback(host),
    ...(user ? { auth: { user, pass } } : {}),
    from,
  }
}

let cached: MailConfig | undefined

/** The process's mail configuration, read on first use. */
export const mailConfig = (): MailConfig => {
  cached ??= readMailConfig()
  return cached
}
