import net from 'node:net'
import { inspect } from 'node:util'

// The sandbox is an ES module package. To TypeScript this file is CommonJS,
// which may take only types from it statically (as an import's) and loads it
// with import(); Babel turns that into the require that jest runs.
import type {
  CaughtMail,
  MailCatcher,
} from '@mms/pinpoint-sandbox/mail-catcher' with { 'resolution-mode': 'import' }

import {
  MailDeliveryError,
  sendInvitationEmail,
  sendPasswordResetEmail,
} from './accountMail'
import { logger } from './logger'
import { readMailConfig } from './mailConfig'
import { createMailer } from './mailer'

// The real path: Redwood's nodemailer handler over SMTP to the sandbox's mail
// catcher, started in this process on free ports. testMode: false is the
// mailer every environment but NODE_ENV=test uses.
jest.setTimeout(30_000)

let catcher: MailCatcher
beforeAll(async () => {
  const { startMailCatcher } = await import(
    '@mms/pinpoint-sandbox/mail-catcher'
  )
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 })
})
afterAll(() => catcher?.stop())
beforeEach(() => catcher.clear())
afterEach(() => jest.restoreAllMocks())

const smtpMailer = (env: Record<string, string>) =>
  createMailer(
    readMailConfig({
      SMTP_SECURE: 'false',
      MAIL_FROM: 'MMS <no-reply@example.com>',
      ...env,
    }),
    { testMode: false }
  )

const caughtMail = async (): Promise<CaughtMail[]> => {
  const response = await fetch(`${catcher.url}/_mail/messages.json`)
  expect(response.status).toBe(200)
  return (await response.json()) as CaughtMail[]
}

/** The text part with its line wrapping undone. */
const unwrapped = (text: string) => text.replace(/\s+/g, ' ')

const RESET_URL =
  'http://localhost:8910/reset-password?resetToken=Tk_smtp_4f9a&x=1'
const PASSWORD = 'Sm7p-Pa55word!'

describe('account mail over SMTP', () => {
  it('delivers a password reset email to the mail catcher', async () => {
    await sendPasswordResetEmail(
      {
        to: 'ana@example.com',
        resetUrl: RESET_URL,
        expiresAt: new Date(Date.now() + 60 * 60_000),
      },
      smtpMailer({
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(catcher.smtpPort),
      })
    )

    const [mail, ...rest] = await caughtMail()
    expect(rest).toEqual([])
    expect(mail).toMatchObject({
      from: 'MMS <no-reply@example.com>',
      to: ['ana@example.com'],
      subject: 'Reset your MMS password',
    })
    expect(unwrapped(mail.text)).toContain(`Choose a new password ${RESET_URL}`)
    expect(unwrapped(mail.text)).toContain('(1 hour from when')
    expect(mail.html).toContain(`href="${RESET_URL.replace('&', '&amp;')}"`)
  })

  it('logs in when SMTP_USER and SMTP_PASSWORD are set, and delivers an invitation', async () => {
    await sendInvitationEmail(
      {
        to: 'ben@example.com',
        inviteUrl: 'http://localhost:8910/signup?invitation=Inv_1',
        invitedBy: 'admin@example.com',
        expiresAt: new Date(Date.now() + 7 * 24 * 60 * 60_000),
      },
      smtpMailer({
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(catcher.smtpPort),
        SMTP_USER: 'mailer',
        SMTP_PASSWORD: PASSWORD,
      })
    )

    const [mail] = await caughtMail()
    expect(mail).toMatchObject({
      to: ['ben@example.com'],
      subject: 'You are invited to MMS',
    })
    expect(unwrapped(mail.text)).toContain(
      'admin@example.com invited you to MMS'
    )
    expect(unwrapped(mail.text)).toContain(
      'Accept the invitation http://localhost:8910/signup?invitation=Inv_1'
    )
  })

  it('throws MailDeliveryError when no server listens, without the link', async () => {
    const closedPort = await freePort()
    const logged = jest.spyOn(logger, 'error')

    const error = await sendPasswordResetEmail(
      {
        to: 'ana@example.com',
        resetUrl: RESET_URL,
        expiresAt: new Date(Date.now() + 60 * 60_000),
      },
      smtpMailer({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(closedPort) })
    ).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(MailDeliveryError)
    expect(error).toMatchObject({
      reason: 'CONNECTION',
      message:
        'Could not send the password reset email: could not connect to the SMTP server; check SMTP_HOST, SMTP_PORT and SMTP_SECURE',
    })
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ mail: 'password reset', reason: 'CONNECTION' }),
      (error as Error).message
    )
    expect(inspect(logged.mock.calls, { depth: null })).not.toContain(
      'Tk_smtp_4f9a'
    )
    expect(await caughtMail()).toEqual([])
  })

  it('on a refused login, keeps the SMTP code but neither password nor link, even when the server echoes them', async () => {
    const server = await refusingSmtpServer()
    const logged = jest.spyOn(logger, 'error')
    try {
      const error = await sendPasswordResetEmail(
        {
          to: 'ana@example.com',
          resetUrl: RESET_URL,
          expiresAt: new Date(Date.now() + 60 * 60_000),
        },
        smtpMailer({
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(server.port),
          SMTP_USER: 'mailer',
          SMTP_PASSWORD: PASSWORD,
        })
      ).catch((e: unknown) => e)

      expect(error).toBeInstanceOf(MailDeliveryError)
      expect(error).toMatchObject({
        reason: 'AUTH',
        smtpCode: 535,
        smtpCommand: 'AUTH PLAIN',
        message:
          'Could not send the password reset email: the SMTP server refused the login; check SMTP_USER and SMTP_PASSWORD (SMTP 535)',
      })
      const { smtpResponse } = error as MailDeliveryError
      expect(smtpResponse).toMatch(
        /^535 5\.7\.8 Refused \[redacted\] \[redacted\]/
      )
      expect(server.received.join('\n')).toContain(
        Buffer.from(`\u0000mailer\u0000${PASSWORD}`).toString('base64')
      )

      const everything = [
        inspect(error, { depth: null, showHidden: true }),
        JSON.stringify(error),
        inspect(logged.mock.calls, { depth: null }),
      ].join('\n')
      for (const secret of [
        PASSWORD,
        Buffer.from(PASSWORD).toString('base64'),
        Buffer.from(`\u0000mailer\u0000${PASSWORD}`).toString('base64'),
        'Tk_smtp_4f9a',
      ]) {
        expect(everything).not.toContain(secret)
      }
    } finally {
      await server.close()
    }
  })
})

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })

/**
 * An SMTP server that refuses every login, and repeats back what it was sent
 * and a reset link in its answer, as a careless server might.
 */
const refusingSmtpServer = async () => {
  const received: string[] = []
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.write('220 refusing.test ESMTP\r\n')
    let buffered = ''
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8')
      let end: number
      while ((end = buffered.indexOf('\r\n')) >= 0) {
        const line = buffered.slice(0, end)
        buffered = buffered.slice(end + 2)
        received.push(line)
        const verb = line.split(' ')[0]?.toUpperCase()
        if (verb === 'EHLO') {
          socket.write('250-refusing.test\r\n250 AUTH PLAIN LOGIN\r\n')
        } else if (verb === 'AUTH') {
          const echoed = line.split(' ').slice(2).join(' ')
          socket.write(
            `535 5.7.8 Refused ${echoed} ${PASSWORD} see ${RESET_URL}\r\n`
          )
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n')
        } else {
          socket.write('502 5.5.2 not here\r\n')
        }
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
