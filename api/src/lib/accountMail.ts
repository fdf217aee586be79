import { ConfigError } from 'src/lib/config'
import { logger } from 'src/lib/logger'
import { mailer, type AppMailer } from 'src/lib/mailer'
import { InvitationEmail } from 'src/mail/Invitation/Invitation'
import { PasswordResetEmail } from 'src/mail/PasswordReset/PasswordReset'

/** Why an email was not sent; stable values for callers and logs. */
export type MailFailureReason =
  | 'NOT_CONFIGURED'
  | 'CONNECTION'
  | 'TIMEOUT'
  | 'AUTH'
  | 'REJECTED'
  | 'FAILED'

/**
 * An account email could not be handed to the SMTP server. It carries no
 * link and no SMTP credentials, so it may be logged whole. The transport's
 * own error is deliberately not kept as `cause`: it holds the server's raw
 * reply and the command that failed, which is how credentials would leak.
 */
export class MailDeliveryError extends Error {
  readonly reason: MailFailureReason
  /** The SMTP reply code, e.g. 535, when the server answered. */
  readonly smtpCode: number | null
  /** The SMTP command that failed, without its arguments, e.g. "AUTH PLAIN". */
  readonly smtpCommand: string | null
  /** The server's reply, with links and credentials removed. */
  readonly smtpResponse: string | null

  constructor(
    kind: string,
    failure: {
      reason: MailFailureReason
      description: string
      smtpCode?: number | null
      smtpCommand?: string | null
      smtpResponse?: string | null
    }
  ) {
    super(`Could not send the ${kind} email: ${failure.description}`)
    this.name = 'MailDeliveryError'
    this.reason = failure.reason
    this.smtpCode = failure.smtpCode ?? null
    this.smtpCommand = failure.smtpCommand ?? null
    this.smtpResponse = failure.smtpResponse ?? null
  }
}

// An address typed into the app is one recipient: a comma, angle bracket or
// line break would let nodemailer read a second address or header into it.
const SINGLE_ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+$/

const checkInput = (
  name: string,
  input: { to: string; url: string; expiresAt: Date }
) => {
  if (!SINGLE_ADDRESS.test(input.to)) {
    throw new RangeError(
      `${name}: "to" must be one email address, like name@example.com.`
    )
  }
  let url: URL | undefined
  try {
    url = new URL(input.url)
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new RangeError(`${name}: the link must be an http(s) URL.`)
  }
  if (
    !(input.expiresAt instanceof Date) ||
    Number.isNaN(input.expiresAt.getTime())
  ) {
    throw new RangeError(`${name}: expiresAt must be a valid Date.`)
  }
  if (input.expiresAt.getTime() <= Date.now()) {
    throw new RangeError(
      `${name}: expiresAt is not in the future; the link would not work.`
    )
  }
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const pad = (n: number) => String(n).padStart(2, '0')

/**
 * "Tue, 3 March 2026 at 14:05 UTC": the recipient's time zone is unknown, so
 * the time is in UTC and says so; written out so that it reads the same
 * whatever the server's locale data.
 */
export const formatExpiry = (date: Date): string =>
  `${WEEKDAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ` +
  `${date.getUTCFullYear()} at ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`

/** How long from now until `date`: "45 minutes", "1 hour 30 minutes", "24 hours", "7 days". */
export const formatValidFor = (date: Date, now = Date.now()): string => {
  const minutes = Math.max(1, Math.round((date.getTime() - now) / 60_000))
  if (minutes < 60) return plural(minutes, 'minute')
  if (minutes < 48 * 60) {
    const rest = minutes % 60
    return `${plural(Math.floor(minutes / 60), 'hour')}${rest ? ` ${plural(rest, 'minute')}` : ''}`
  }
  return plural(Math.round(minutes / (24 * 60)), 'day')
}

const TRANSPORT_REASONS: Record<string, MailFailureReason> = {
  EAUTH: 'AUTH',
  ENOAUTH: 'AUTH',
  ETIMEDOUT: 'TIMEOUT',
  ECONNECTION: 'CONNECTION',
  ESOCKET: 'CONNECTION',
  EDNS: 'CONNECTION',
  ETLS: 'CONNECTION',
  EENVELOPE: 'REJECTED',
  EMESSAGE: 'REJECTED',
}

const DESCRIPTIONS: Record<MailFailureReason, string> = {
  NOT_CONFIGURED: 'mail is not configured',
  CONNECTION:
    'could not connect to the SMTP server; check SMTP_HOST, SMTP_PORT and SMTP_SECURE',
  TIMEOUT: 'the SMTP server did not answer in time',
  AUTH: 'the SMTP server refused the login; check SMTP_USER and SMTP_PASSWORD',
  REJECTED: 'the SMTP server refused the message',
  FAILED: 'sending failed',
}

const REDACTED = '[redacted]'

/** The server's reply without anything secret the server might echo. */
const scrubbedReply = (reply: unknown, secrets: string[]): string | null => {
  if (typeof reply !== 'string' || !reply) return null
  let text = reply.replace(/\s+/g, ' ').trim()
  for (const secret of secrets) {
    if (secret) text = text.split(secret).join(REDACTED)
  }
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, REDACTED).slice(0, 300)
}

/** The login the mailer's SMTP transport uses, in every form a server could echo. */
const credentialForms = (mail: AppMailer | undefined): string[] => {
  const transport: unknown = mail?.handlers.smtp.internal().config.transport
  const auth = (transport as { auth?: { user?: unknown; pass?: unknown } })
    ?.auth
  if (typeof auth?.pass !== 'string' || !auth.pass) return []
  const user = typeof auth.user === 'string' ? auth.user : ''
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
  // As sent by AUTH LOGIN (the password alone) and AUTH PLAIN (both together).
  return [
    auth.pass,
    base64(auth.pass),
    base64(`\u0000${user}\u0000${auth.pass}`),
  ]
}

const failureOf = (error: unknown, secrets: string[]) => {
  if (error instanceof ConfigError) {
    return {
      reason: 'NOT_CONFIGURED' as const,
      description: `${DESCRIPTIONS.NOT_CONFIGURED}: ${error.problems.join(' ')}`,
    }
  }
  const transportError = (error ?? {}) as {
    code?: unknown
    responseCode?: unknown
    command?: unknown
    response?: unknown
  }
  const reason =
    (typeof transportError.code === 'string' &&
      TRANSPORT_REASONS[transportError.code]) ||
    'FAILED'
  const smtpCode =
    typeof transportError.responseCode === 'number'
      ? transportError.responseCode
      : null
  // Only the verb: AUTH's arguments are the credentials themselves.
  const smtpCommand =
    typeof transportError.command === 'string'
      ? (/^(?:AUTH [A-Z0-9-]+|[A-Z]+(?: [A-Z]+)?)/.exec(
          transportError.command
        )?.[0] ?? null)
      : null
  return {
    reason,
    description:
      smtpCode === null
        ? DESCRIPTIONS[reason]
        : `${DESCRIPTIONS[reason]} (SMTP ${smtpCode})`,
    smtpCode,
    smtpCommand,
    smtpResponse: scrubbedReply(transportError.response, secrets),
  }
}

/**
 * The text part, from the same template: a link prints as "label url", a
 * link whose label is its own address only once, and headings keep their case.
 */
const PLAIN_TEXT_OPTIONS = {
  htmlToTextOptions: {
    wordwrap: 78,
    selectors: [
      { selector: 'img', format: 'skip' },
      {
        selector: 'a',
        options: { linkBrackets: false, hideLinkHrefIfSameAsText: true },
      },
      { selector: 'h1', options: { uppercase: false } },
    ],
  },
}

const deliver = async (
  kind: string,
  link: string,
  mail: AppMailer | undefined,
  send: (mail: AppMailer) => Promise<unknown>
): Promise<void> => {
  let used = mail
  try {
    used ??= mailer()
    await send(used)
  } catch (error) {
    const failure = new MailDeliveryError(
      kind,
      failureOf(error, [link, ...credentialForms(used)])
    )
    logger.error(
      {
        mail: kind,
        reason: failure.reason,
        smtpCode: failure.smtpCode,
        smtpCommand: failure.smtpCommand,
        smtpResponse: failure.smtpResponse,
      },
      failure.message
    )
    throw failure
  }
}

/**
 * Sends the link that lets the owner of `to` choose a new password.
 * Throws MailDeliveryError when the SMTP server does not take the message.
 */
export const sendPasswordResetEmail = async (
  {
    to,
    resetUrl,
    expiresAt,
  }: { to: string; resetUrl: string; expiresAt: Date },
  // Tests pass a mailer of their own; everything else uses the process's.
  mail?: AppMailer
): Promise<void> => {
  checkInput('sendPasswordResetEmail', { to, url: resetUrl, expiresAt })
  await deliver('password reset', resetUrl, mail, (used) =>
    used.send(
      PasswordResetEmail({
        email: to,
        resetUrl,
        expires: formatExpiry(expiresAt),
        validFor: formatValidFor(expiresAt),
      }),
      { to, subject: 'Reset your MMS password' },
      undefined,
      PLAIN_TEXT_OPTIONS
    )
  )
}

/**
 * Invites `to` to make an account through `inviteUrl`.
 * Throws MailDeliveryError when the SMTP server does not take the message.
 */
export const sendInvitationEmail = async (
  {
    to,
    inviteUrl,
    invitedBy,
    expiresAt,
  }: {
    to: string
    inviteUrl: string
    invitedBy: string | null
    expiresAt: Date
  },
  mail?: AppMailer
): Promise<void> => {
  checkInput('sendInvitationEmail', { to, url: inviteUrl, expiresAt })
  await deliver('invitation', inviteUrl, mail, (used) =>
    used.send(
      InvitationEmail({
        inviteUrl,
        invitedBy: invitedBy?.trim() || null,
        expires: formatExpiry(expiresAt),
        validFor: formatValidFor(expiresAt),
      }),
      { to, subject: 'You are invited to MMS' },
      undefined,
      PLAIN_TEXT_OPTIONS
    )
  )
}
