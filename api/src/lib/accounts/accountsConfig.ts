import { ConfigError, readInteger, type Env } from 'src/lib/config'

export const SIGNUP_POLICIES = ['closed', 'invite', 'open'] as const
export type SignupPolicy = (typeof SIGNUP_POLICIES)[number]

/** Accounts, sessions and sign-up, read from the environment and checked once. */
export interface AccountsConfig {
  /** closed: no sign-up; invite: with an admin's invitation; open: anyone (optionally only these domains). */
  signupPolicy: SignupPolicy
  signupEmailDomains: string[]
  sessionIdleMs: number
  sessionMaxMs: number
  invitationTtlMs: number
  passwordResetTtlMs: number
  /** Where links in emails point. */
  webUrl: string
  /** Read the client address from X-Forwarded-For (behind a proxy that sets it). */
  trustProxy: boolean
  /** Session cookies only over HTTPS. */
  secureCookies: boolean
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE

export const readAccountsConfig = (env: Env = process.env): AccountsConfig => {
  const problems: string[] = []
  const integer = (name: string, fallback: number, min: number, max: number) =>
    readInteger(env, name, fallback, min, max, problems)

  const sandbox = env.MMS_SANDBOX === 'true'
  const policy = (env.SIGNUP_POLICY || (sandbox ? 'open' : 'closed')).trim()
  if (!(SIGNUP_POLICIES as readonly string[]).includes(policy)) {
    problems.push(
      `SIGNUP_POLICY must be one of ${SIGNUP_POLICIES.join(', ')} (got "${policy}").`
    )
  }
  const signupEmailDomains = (env.SIGNUP_EMAIL_DOMAINS ?? '')
    .split(',')
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean)
  for (const domain of signupEmailDomains) {
    if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain)) {
      problems.push(
        `SIGNUP_EMAIL_DOMAINS has "${domain}", which is not a domain name.`
      )
    }
  }

  const webUrl = (env.WEB_URL || 'http://localhost:8910').replace(/\/+$/, '')
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(webUrl)) {
    problems.push(
      `WEB_URL must be the app's http(s) address (got "${webUrl}").`
    )
  }

  const idleMinutes = integer('SESSION_IDLE_MINUTES', 12 * 60, 5, 30 * 24 * 60)
  const maxHours = integer('SESSION_MAX_HOURS', 7 * 24, 1, 365 * 24)
  const config: AccountsConfig = {
    signupPolicy: policy as SignupPolicy,
    signupEmailDomains,
    sessionIdleMs: idleMinutes * MINUTE,
    sessionMaxMs: maxHours * HOUR,
    invitationTtlMs: integer('INVITATION_TTL_HOURS', 72, 1, 30 * 24) * HOUR,
    passwordResetTtlMs:
      integer('PASSWORD_RESET_TTL_MINUTES', 60, 5, 24 * 60) * MINUTE,
    webUrl,
    trustProxy: env.TRUST_PROXY === 'true',
    secureCookies: !['development', 'test'].includes(env.NODE_ENV ?? ''),
  }
  if (problems.length > 0) {
    throw new ConfigError(problems)
  }
  return config
}

let cached: AccountsConfig | undefined

export const accountsConfig = (): AccountsConfig => {
  cached ??= readAccountsConfig()
  return cached
}

/** For tests that change the environment. */
export const resetAccountsConfig = () => {
  cached = undefined
}
