import { EnvConfigError } from '../config-from-env.ts'

import type { MailCatcherOptions } from './mail-catcher.ts'

/**
 * Reads the mail catcher's options (SANDBOX_SMTP_PORT, default 1025;
 * SANDBOX_MAIL_PORT, default 8025); every problem is reported at once. It
 * listens on SANDBOX_HOST like the other sandbox servers.
 */
export function mailCatcherOptionsFromEnv(
  env: NodeJS.ProcessEnv
): MailCatcherOptions {
  const problems: string[] = []
  const port = (name: string): number | undefined => {
    const raw = env[name]?.trim()
    if (!raw) return undefined
    const parsed = Number(raw)
    if (!/^\d+$/.test(raw) || parsed > 65535) {
      problems.push(`${name} must be an integer from 0 to 65535, got "${raw}"`)
      return undefined
    }
    return parsed
  }
  const options: MailCatcherOptions = {
    host: env.SANDBOX_HOST?.trim() || undefined,
    smtpPort: port('SANDBOX_SMTP_PORT'),
    httpPort: port('SANDBOX_MAIL_PORT'),
  }
  if (
    options.smtpPort !== undefined &&
    options.smtpPort !== 0 &&
    options.smtpPort === options.httpPort
  ) {
    problems.push(
      `SANDBOX_SMTP_PORT and SANDBOX_MAIL_PORT must differ, both are ${options.smtpPort}`
    )
  }
  if (problems.length) throw new EnvConfigError(problems.join('\n'))
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined)
  ) as MailCatcherOptions
}
