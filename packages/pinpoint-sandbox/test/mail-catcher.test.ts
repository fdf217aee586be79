import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'

import nodemailer from 'nodemailer'

import { EnvConfigError } from '../src/config-from-env.ts'
import { startMailCatcher, type MailCatcher } from '../src/mail/mail-catcher.ts'
import { mailCatcherOptionsFromEnv } from '../src/mail/mail-config-from-env.ts'
import { linkify } from '../src/mail/mail-page.ts'
import type { CaughtMail } from '../src/mail/mail-store.ts'

/** A real SMTP client, as the app's nodemailer handler connects. */
function smtpClient(
  catcher: MailCatcher,
  auth?: { user: string; pass: string }
) {
  return nodemailer.createTransport({
    host: catcher.host,
    port: catcher.smtpPort,
    secure: false,
    auth,
  })
}

async function messagesJson(catcher: MailCatcher): Promise<CaughtMail[]> {
  const response = await fetch(`${catcher.url}/_mail/messages.json`)
  assert.equal(response.status, 200)
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/)
  return (await response.json()) as CaughtMail[]
}

describe('mail catcher', () => {
  let catcher: MailCatcher
  before(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 })
  })
  after(() => catcher.stop())
  beforeEach(() => catcher.clear())

  it('listens on loopback, on the ports it was given', () => {
    assert.equal(catcher.host, '127.0.0.1')
    assert.ok(catcher.smtpPort > 0)
    assert.equal(catcher.url, `http://127.0.0.1:${catcher.httpPort}`)
  })

  it('shows an empty state and an empty list before any mail', async () => {
    assert.deepEqual(await messagesJson(catcher), [])
    const html = await (await fetch(catcher.url)).text()
    assert.match(html, /No mail yet/)
    assert.match(html, /role="status" aria-live="polite">0 messages</)
  })

  it('accepts mail over SMTP and lists it as JSON, with envelope recipients', async () => {
    const info = await smtpClient(catcher).sendMail({
      from: 'MMS <no-reply@example.com>',
      to: 'ana@example.com',
      bcc: 'audit@example.com',
      subject: 'Reset your MMS password',
      text: 'Choose a new password: http://localhost:8910/reset-password?resetToken=abc\n',
      html: '<p><a href="http://localhost:8910/reset-password?resetToken=abc">Choose a new password</a></p>',
    })
    assert.deepEqual(info.accepted, ['ana@example.com', 'audit@example.com'])

    const [message, ...rest] = await messagesJson(catcher)
    assert.deepEqual(rest, [])
    assert.ok(message)
    assert.match(message.id, /^[0-9a-f-]{36}$/)
    assert.ok(Date.now() - Date.parse(message.receivedAt) < 10_000)
    assert.deepEqual(
      { ...message, id: undefined, receivedAt: undefined },
      {
        id: undefined,
        receivedAt: undefined,
        from: 'MMS <no-reply@example.com>',
        to: ['ana@example.com', 'audit@example.com'],
        subject: 'Reset your MMS password',
        text: 'Choose a new password: http://localhost:8910/reset-password?resetToken=abc\n',
        html: '<p><a href="http://localhost:8910/reset-password?resetToken=abc">Choose a new password</a></p>',
      }
    )
    assert.deepEqual(catcher.messages(), [message])
  })

  it('takes any login, and mail with no HTML part', async () => {
    await smtpClient(catcher, { user: 'anyone', pass: 'anything' }).sendMail({
      from: 'no-reply@example.com',
      to: 'ben@example.com',
      subject: 'Plain',
      text: 'Just text',
    })
    const [message] = await messagesJson(catcher)
    assert.equal(message?.from, 'no-reply@example.com')
    assert.equal(message?.html, null)
    const html = await (await fetch(catcher.url)).text()
    assert.doesNotMatch(html, /HTML part/)
  })

  it('shows mail newest first, escaped, with clickable links, on a phone-sized page', async () => {
    const client = smtpClient(catcher)
    await client.sendMail({
      from: 'MMS <no-reply@example.com>',
      to: 'first@example.com',
      subject: 'First',
      text: 'older',
    })
    await client.sendMail({
      from: '"<b>Evil</b>" <evil@example.com>',
      to: 'second@example.com',
      subject: '<script>alert("s")</script> & more',
      text: 'Open https://app.example.com/invite?token=a&b=c. Or <img src=x onerror=alert(1)>\nthen javascript:alert(1)',
      html: '<p>hi</p>',
    })

    const response = await fetch(catcher.url)
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/)
    const html = await response.text()
    assert.match(
      html,
      /<meta name="viewport" content="width=device-width, initial-scale=1">/
    )
    assert.match(html, /role="status" aria-live="polite">2 messages</)
    assert.ok(
      html.indexOf('&lt;script&gt;alert') < html.indexOf('>First</h2>'),
      'newest first'
    )
    assert.ok(!html.includes('<script>alert'), 'subject is escaped')
    assert.ok(!html.includes('<b>Evil'), 'sender is escaped')
    assert.ok(!html.includes('<img src=x'), 'text is escaped')
    assert.ok(
      html.includes(
        '&lt;script&gt;alert(&quot;s&quot;)&lt;/script&gt; &amp; more'
      )
    )
    assert.ok(
      html.includes(
        'Open <a href="https://app.example.com/invite?token=a&amp;b=c">https://app.example.com/invite?token=a&amp;b=c</a>. Or &lt;img'
      ),
      'the link is clickable and the full stop after it is not part of it'
    )
    assert.ok(
      !html.includes('href="javascript:'),
      'only http(s) becomes a link'
    )
    assert.match(html, /<dt>To<\/dt><dd>second@example\.com<\/dd>/)

    const csp = response.headers.get('content-security-policy') ?? ''
    assert.match(csp, /default-src 'none'/)
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1]
    assert.ok(nonce, 'CSP carries a script nonce')
    assert.ok(html.includes(`<script nonce="${nonce}">`))
    assert.doesNotMatch(
      html,
      /(src|href)="https?:\/\/(?!app\.example\.com)/,
      'no external assets'
    )
  })

  it('serves a message HTML part sandboxed, and 404 for an unknown id', async () => {
    await smtpClient(catcher).sendMail({
      from: 'no-reply@example.com',
      to: 'c@example.com',
      subject: 'Has HTML',
      text: 'text',
      html: '<p>Hello <script>parent.alert(1)</script></p>',
    })
    const [message] = await messagesJson(catcher)
    const page = await (await fetch(catcher.url)).text()
    const link = `/_mail/messages/${message!.id}.html`
    assert.ok(page.includes(`<a href="${link}">HTML part</a>`))

    const part = await fetch(`${catcher.url}${link}`)
    assert.equal(part.status, 200)
    assert.equal(await part.text(), message!.html)
    assert.match(
      part.headers.get('content-security-policy') ?? '',
      /^sandbox; default-src 'none'/
    )

    const missing = await fetch(
      `${catcher.url}/_mail/messages/00000000-0000-0000-0000-000000000000.html`
    )
    assert.equal(missing.status, 404)
  })

  it('answers the auto-refresh poll with 204 until new mail arrives', async () => {
    const first = await fetch(`${catcher.url}/?partial=1&since=-1`)
    assert.equal(first.status, 200)
    const version = Number(first.headers.get('x-mail-version'))
    await first.text()
    const unchanged = await fetch(`${catcher.url}/?partial=1&since=${version}`)
    assert.equal(unchanged.status, 204)
    await smtpClient(catcher).sendMail({
      from: 'no-reply@example.com',
      to: 'd@example.com',
      subject: 'Fresh',
      text: 'new',
    })
    const changed = await fetch(`${catcher.url}/?partial=1&since=${version}`)
    assert.equal(changed.status, 200)
    assert.equal(changed.headers.get('x-mail-summary'), '1 message')
    const fragment = await changed.text()
    assert.ok(fragment.includes('>Fresh</h2>'))
    assert.ok(!fragment.includes('<html'))
  })

  it('clears with DELETE /_mail/messages, but not from another origin', async () => {
    await smtpClient(catcher).sendMail({
      from: 'no-reply@example.com',
      to: 'e@example.com',
      subject: 'To be deleted',
      text: 'bye',
    })
    const refused = await fetch(`${catcher.url}/_mail/messages`, {
      method: 'DELETE',
      headers: { Origin: 'http://evil.example' },
    })
    assert.equal(refused.status, 403)
    assert.equal((await messagesJson(catcher)).length, 1)

    const cleared = await fetch(`${catcher.url}/_mail/messages`, {
      method: 'DELETE',
    })
    assert.equal(cleared.status, 200)
    assert.deepEqual(await cleared.json(), { deleted: 1 })
    assert.deepEqual(await messagesJson(catcher), [])
    assert.match(await (await fetch(catcher.url)).text(), /No mail yet/)
  })

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    assert.equal((await fetch(`${catcher.url}/nope`)).status, 404)
    const wrong = await fetch(`${catcher.url}/_mail/messages.json`, {
      method: 'POST',
    })
    assert.equal(wrong.status, 405)
    assert.equal(wrong.headers.get('allow'), 'GET')
  })
})

describe('mail catcher limits', () => {
  it('refuses a message over the size limit with SMTP 552 and keeps nothing', async () => {
    const catcher = await startMailCatcher({
      smtpPort: 0,
      httpPort: 0,
      maxMessageBytes: 2048,
    })
    try {
      await assert.rejects(
        smtpClient(catcher).sendMail({
          from: 'no-reply@example.com',
          to: 'f@example.com',
          subject: 'Big',
          text: 'x'.repeat(10_000),
        }),
        (error: { responseCode?: number }) => error.responseCode === 552
      )
      assert.deepEqual(catcher.messages(), [])
    } finally {
      await catcher.stop()
    }
  })

  it('keeps only the newest maxMessages', async () => {
    const catcher = await startMailCatcher({
      smtpPort: 0,
      httpPort: 0,
      maxMessages: 2,
    })
    try {
      const client = smtpClient(catcher)
      for (const subject of ['one', 'two', 'three']) {
        await client.sendMail({
          from: 'a@example.com',
          to: 'b@example.com',
          subject,
          text: subject,
        })
      }
      assert.deepEqual(
        catcher.messages().map((message) => message.subject),
        ['three', 'two']
      )
    } finally {
      await catcher.stop()
    }
  })

  it('names the port when it is already taken', async () => {
    const first = await startMailCatcher({ smtpPort: 0, httpPort: 0 })
    try {
      await assert.rejects(
        startMailCatcher({ smtpPort: 0, httpPort: first.httpPort }),
        new RegExp(
          `port ${first.httpPort} on 127\\.0\\.0\\.1 is already in use`
        )
      )
    } finally {
      await first.stop()
    }
  })
})

describe('linkify', () => {
  it('links http(s) addresses only, escaping everything', () => {
    assert.equal(
      linkify(
        'See (https://a.example/x?y=1&z=<2>), ftp://b.example or "http://c.example".'
      ),
      'See (<a href="https://a.example/x?y=1&amp;z=">https://a.example/x?y=1&amp;z=</a>&lt;2&gt;), ftp://b.example or &quot;<a href="http://c.example">http://c.example</a>&quot;.'
    )
  })
})

describe('mail catcher configuration from environment variables', () => {
  it('leaves the defaults (1025, 8025, SANDBOX_HOST) when nothing is set', () => {
    assert.deepEqual(mailCatcherOptionsFromEnv({}), {})
  })

  it('reads the ports and SANDBOX_HOST', () => {
    assert.deepEqual(
      mailCatcherOptionsFromEnv({
        SANDBOX_HOST: '127.0.0.2',
        SANDBOX_SMTP_PORT: '2525',
        SANDBOX_MAIL_PORT: ' 0 ',
      }),
      { host: '127.0.0.2', smtpPort: 2525, httpPort: 0 }
    )
  })

  it('reports every bad value at once', () => {
    assert.throws(
      () =>
        mailCatcherOptionsFromEnv({
          SANDBOX_SMTP_PORT: 'twenty-five',
          SANDBOX_MAIL_PORT: '70000',
        }),
      (error: unknown) =>
        error instanceof EnvConfigError &&
        /SANDBOX_SMTP_PORT must be an integer from 0 to 65535, got "twenty-five"/.test(
          error.message
        ) &&
        /SANDBOX_MAIL_PORT must be an integer from 0 to 65535, got "70000"/.test(
          error.message
        )
    )
    assert.throws(
      () =>
        mailCatcherOptionsFromEnv({
          SANDBOX_SMTP_PORT: '2525',
          SANDBOX_MAIL_PORT: '2525',
        }),
      /must differ, both are 2525/
    )
  })
})
