import type { InMemoryMailHandler } from '@redwoodjs/mailer-handler-in-memory'

import {
  formatExpiry,
  formatValidFor,
  sendInvitationEmail,
  sendPasswordResetEmail,
} from './accountMail'
import { mailer } from './mailer'

// Under NODE_ENV=test the mailer hands every message to Redwood's in-memory
// handler; this is how any test reads what was sent.
const testInbox = () => mailer().getTestHandler() as InMemoryMailHandler
const sentMail = () => testInbox().inbox

beforeEach(() => testInbox().clearInbox())
afterEach(() => jest.restoreAllMocks())

const inMinutes = (minutes: number, from = Date.now()) =>
  new Date(from + minutes * 60_000)
/** The text part with its line wrapping undone (where it wraps depends on the date's length). */
const unwrapped = (text: string) => text.replace(/[ \n]+/g, ' ')

const RESET_URL =
  'http://localhost:8910/reset-password?resetToken=Tk_abc123&lang=en'
const INVITE_URL = 'https://mms.example.com/signup?invitation=Inv_xyz789'

describe('sendPasswordResetEmail', () => {
  it('sends one plain email with the link and when it expires, as HTML and text', async () => {
    const expiresAt = inMinutes(60)
    await sendPasswordResetEmail({
      to: 'ana@example.com',
      resetUrl: RESET_URL,
      expiresAt,
    })

    expect(sentMail()).toHaveLength(1)
    const [mail] = sentMail()
    expect(mail).toMatchObject({
      to: ['ana@example.com'],
      from: 'MMS <no-reply@example.com>',
      subject: 'Reset your MMS password',
      cc: [],
      bcc: [],
      attachments: [],
    })

    const text = mail.textContent
    expect(text).toMatch(/^Reset your MMS password\n\n/)
    expect(
      text.split('\n').every((line) => line.length <= 78 || line === RESET_URL)
    ).toBe(true)
    expect(unwrapped(text)).toBe(
      [
        'Reset your MMS password',
        'Someone, hopefully you, asked to reset the password of the MMS account ana@example.com.',
        `Choose a new password ${RESET_URL}`,
        `The link works until ${formatExpiry(expiresAt)} (1 hour from when this email was sent).`,
        'If the button does not work, copy this address into your browser:',
        RESET_URL,
        'If you did not ask for this, ignore this email: your password stays as it is.',
      ].join(' ')
    )

    const html = mail.htmlContent
    expect(html).toMatch(/^<!DOCTYPE html/)
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<title>Reset your MMS password</title>')
    const escapedUrl = RESET_URL.replace('&', '&amp;')
    expect(
      html.match(new RegExp(`href="${escapeRegExp(escapedUrl)}"`, 'g'))
    ).toHaveLength(2)
    expect(html).toContain('>Choose a new password</a>')
    expect(html).toContain(
      `${formatExpiry(expiresAt)} (1 hour from when this email was sent)`
    )
    expect(html).not.toMatch(/<script|<img|src="http/)
  })

  it('refuses bad input with a specific error and sends nothing', async () => {
    const valid = {
      to: 'ana@example.com',
      resetUrl: RESET_URL,
      expiresAt: inMinutes(60),
    }
    await expect(
      sendPasswordResetEmail({
        ...valid,
        to: 'ana@example.com, eve@example.com',
      })
    ).rejects.toThrow(
      new RangeError(
        'sendPasswordResetEmail: "to" must be one email address, like name@example.com.'
      )
    )
    await expect(
      sendPasswordResetEmail({
        ...valid,
        to: 'ana@example.com\r\nBcc: eve@example.com',
      })
    ).rejects.toThrow(RangeError)
    await expect(
      sendPasswordResetEmail({ ...valid, resetUrl: 'javascript:alert(1)' })
    ).rejects.toThrow(
      'sendPasswordResetEmail: the link must be an http(s) URL.'
    )
    await expect(
      sendPasswordResetEmail({
        ...valid,
        resetUrl: '/reset-password?resetToken=x',
      })
    ).rejects.toThrow('the link must be an http(s) URL')
    await expect(
      sendPasswordResetEmail({ ...valid, expiresAt: new Date('nonsense') })
    ).rejects.toThrow('sendPasswordResetEmail: expiresAt must be a valid Date.')
    await expect(
      sendPasswordResetEmail({ ...valid, expiresAt: new Date() })
    ).rejects.toThrow('expiresAt is not in the future')
    expect(sentMail()).toEqual([])
  })
})

describe('sendInvitationEmail', () => {
  it('says who invited, links to the invitation and says when it expires', async () => {
    const expiresAt = inMinutes(7 * 24 * 60)
    await sendInvitationEmail({
      to: 'ben@example.com',
      inviteUrl: INVITE_URL,
      invitedBy: 'admin@example.com',
      expiresAt,
    })

    expect(sentMail()).toHaveLength(1)
    const [mail] = sentMail()
    expect(mail).toMatchObject({
      to: ['ben@example.com'],
      from: 'MMS <no-reply@example.com>',
      subject: 'You are invited to MMS',
    })
    expect(unwrapped(mail.textContent)).toBe(
      [
        'You are invited to MMS',
        'admin@example.com invited you to MMS, to send picture and media messages to phones.',
        `Accept the invitation ${INVITE_URL}`,
        `The invitation works until ${formatExpiry(expiresAt)} (7 days from when this email was sent).`,
        'If the button does not work, copy this address into your browser:',
        INVITE_URL,
        'If you did not expect this invitation, ignore this email: no account is made unless you accept it.',
      ].join(' ')
    )
    expect(mail.htmlContent).toContain(`<a href="${INVITE_URL}"`)
    expect(mail.htmlContent).toContain('admin@example.com invited you to MMS')
  })

  it('does without an inviter, and escapes whatever the inviter text holds', async () => {
    await sendInvitationEmail({
      to: 'cat@example.com',
      inviteUrl: INVITE_URL,
      invitedBy: null,
      expiresAt: inMinutes(90),
    })
    await sendInvitationEmail({
      to: 'dan@example.com',
      inviteUrl: INVITE_URL,
      invitedBy: '<img src=x onerror=alert(1)> "Boss"',
      expiresAt: inMinutes(90),
    })

    const [withoutInviter, withMarkup] = sentMail()
    expect(unwrapped(withoutInviter.textContent)).toContain(
      'You are invited to MMS, to send picture and media messages to phones.'
    )
    expect(unwrapped(withoutInviter.textContent)).toContain(
      '(1 hour 30 minutes from when'
    )
    expect(withMarkup.htmlContent).not.toContain('<img')
    expect(withMarkup.htmlContent).toContain(
      '&lt;img src=x onerror=alert(1)&gt; &quot;Boss&quot; invited you'
    )
  })

  it('refuses an invitation link that is not http(s)', async () => {
    await expect(
      sendInvitationEmail({
        to: 'ben@example.com',
        inviteUrl: 'data:text/html,hi',
        invitedBy: null,
        expiresAt: inMinutes(60),
      })
    ).rejects.toThrow('sendInvitationEmail: the link must be an http(s) URL.')
    expect(sentMail()).toEqual([])
  })
})

describe('formatExpiry and formatValidFor', () => {
  it('writes the time in UTC and the time left in the unit a reader needs', () => {
    expect(formatExpiry(new Date('2026-12-31T23:59:59Z'))).toBe(
      'Thu, 31 December 2026 at 23:59 UTC'
    )
    const now = Date.parse('2026-03-03T13:05:00Z')
    expect(formatValidFor(inMinutes(0.2, now), now)).toBe('1 minute')
    expect(formatValidFor(inMinutes(45, now), now)).toBe('45 minutes')
    expect(formatValidFor(inMinutes(60, now), now)).toBe('1 hour')
    expect(formatValidFor(inMinutes(61, now), now)).toBe('1 hour 1 minute')
    expect(formatValidFor(inMinutes(24 * 60 - 0.001, now), now)).toBe(
      '24 hours'
    )
    expect(formatValidFor(inMinutes(47 * 60, now), now)).toBe('47 hours')
    expect(formatValidFor(inMinutes(7 * 24 * 60, now), now)).toBe('7 days')
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
