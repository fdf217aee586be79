import { Mailer } from '@redwoodjs/mailer-core'
import { InMemoryMailHandler } from '@redwoodjs/mailer-handler-in-memory'
import { NodemailerMailHandler } from '@redwoodjs/mailer-handler-nodemailer'
import { ReactEmailRenderer } from '@redwoodjs/mailer-renderer-react-email'

import { logger } from 'src/lib/logger'
import { mailConfig, type MailConfig } from 'src/lib/mailConfig'

/**
 * Redwood's mailer over SMTP. Development sends through SMTP too (to the
 * sandbox's mail catcher under `npm start`), not to Redwood Studio. Under
 * NODE_ENV=test nothing leaves the process: mail goes to Redwood's in-memory
 * handler, which tests read with `mailer().getTestHandler()`.
 */
export const createMailer = (
  config: MailConfig,
  { testMode = process.env.NODE_ENV === 'test' }: { testMode?: boolean } = {}
) =>
  new Mailer({
    handling: {
      handlers: {
        smtp: new NodemailerMailHandler({
          transport: {
            host: config.host,
            port: config.port,
            secure: config.secure,
            requireTLS: config.requireTls,
            auth: config.auth,
            // A request waits on this send: fail in seconds, not nodemailer's minutes.
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 20_000,
            // These messages never attach files or fetch URLs.
            disableFileAccess: true,
            disableUrlAccess: true,
          },
        }),
        inMemory: new InMemoryMailHandler(),
      },
      default: 'smtp',
    },
    rendering: {
      renderers: { reactEmail: new ReactEmailRenderer() },
      default: 'reactEmail',
    },
    defaults: { from: config.from },
    development: { handler: 'smtp' },
    test: { handler: 'inMemory', when: testMode },
    logger,
  })

export type AppMailer = ReturnType<typeof createMailer>

let instance: AppMailer | undefined

/** The process's mailer, made on first use from the checked configuration. */
export const mailer = (): AppMailer => {
  instance ??= createMailer(mailConfig())
  return instance
}
