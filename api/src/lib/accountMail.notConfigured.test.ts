import { MailDeliveryError, sendPasswordResetEmail } from './accountMail'
import { logger } from './logger'

// A file of its own: the mailer reads its configuration once per module
// registry, on first use, so it must first be used here, with these unset.
const saved = { ...process.env }
beforeAll(() => {
  delete process.env.SMTP_HOST
  delete process.env.MAIL_FROM
})
afterAll(() => {
  process.env = saved
})

const RESET_URL = 'http://localhost:8910/reset-password?resetToken=Tk_unset_77'

it('fails with MailDeliveryError naming each missing variable, and logs no link', async () => {
  const logged = jest.spyOn(logger, 'error').mockImplementation(() => undefined)

  const error = await sendPasswordResetEmail({
    to: 'ana@example.com',
    resetUrl: RESET_URL,
    expiresAt: new Date(Date.now() + 60 * 60_000),
  }).catch((e: unknown) => e)

  expect(error).toBeInstanceOf(MailDeliveryError)
  expect(error).toMatchObject({
    name: 'MailDeliveryError',
    reason: 'NOT_CONFIGURED',
    smtpCode: null,
  })
  expect((error as Error).message).toBe(
    'Could not send the password reset email: mail is not configured: ' +
      'SMTP_HOST is not set: the SMTP server that sends invitations and password resets (e.g. smtp.example.com). ' +
      'MAIL_FROM is not set: the sender of invitations and password resets (e.g. MMS <no-reply@example.com>).'
  )
  expect(logged).toHaveBeenCalledTimes(1)
  expect(logged.mock.calls[0][0]).toMatchObject({
    mail: 'password reset',
    reason: 'NOT_CONFIGURED',
  })
  expect(JSON.stringify([error, logged.mock.calls])).not.toContain(
    'Tk_unset_77'
  )
})
