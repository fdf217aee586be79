/**
 * End-to-end tests of accounts and their administration against a running
 * stack in sandbox mode (scripts/e2e.sh): the web side at E2E_BASE_URL, the
 * api at E2E_API_GRAPHQL_URL, and the sandbox's mail catcher at E2E_MAIL_URL,
 * which receives the invitations and password resets the api sends.
 *
 * An admin (E2E_ADMIN_EMAIL / E2E_ADMIN_PASSWORD, by default the sandbox's
 * demo account) invites a new person, who accepts in a browser of their own;
 * that person resets their password through the emailed link; the admin sets
 * their limit, disables them, and so ends their open session. The tests run in
 * order and share those two people.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'

import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
} from 'playwright-core'

const trimSlash = (value: string) => value.replace(/\/+$/, '')

const BASE_URL = trimSlash(process.env.E2E_BASE_URL ?? 'http://localhost:8910')
const API_GRAPHQL_URL =
  process.env.E2E_API_GRAPHQL_URL ?? 'http://localhost:8911/graphql'
const MAIL_URL = trimSlash(process.env.E2E_MAIL_URL ?? 'http://127.0.0.1:8025')
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium'
const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL ?? 'demo@example.com'
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'demo-password-1'
const SCREENSHOTS = path.join(__dirname, 'screenshots')

const run = randomUUID().slice(0, 8)
const invitee = `invitee-${run}@example.com`
const firstPassword = `first-password-${run}`
const secondPassword = `second-password-${run}`

let browser: Browser
let admin: Page
/** The invited person's browser, signed in since they accepted. */
let memberContext: BrowserContext
let member: Page

const url = (pathname: string) => `${BASE_URL}${pathname}`

const screenshot = (target: Page, name: string) =>
  target.screenshot({
    path: path.join(SCREENSHOTS, `accounts-${name}.png`),
    fullPage: true,
  })

const newContext = async () => {
  const context = await browser.newContext({
    viewport: { width: 1180, height: 900 },
  })
  context.setDefaultTimeout(15_000)
  return context
}

/** What the sandbox's mail catcher answers at /_mail/messages.json. */
interface CaughtMail {
  id: string
  from: string
  to: string[]
  subject: string
  text: string
  html: string | null
  receivedAt: string
}

/**
 * Waits for the newest mail to `to` whose subject is `subject`, received at
 * or after `since`, and returns the first link in its text that has `path`.
 */
const mailedLink = async ({
  to,
  subject,
  since,
  pathname,
}: {
  to: string
  subject: string
  since: Date
  pathname: string
}): Promise<URL> => {
  const deadline = Date.now() + 20_000
  for (;;) {
    const response = await fetch(`${MAIL_URL}/_mail/messages.json`)
    assert.equal(response.status, 200, 'the mail catcher answers')
    const mails = (await response.json()) as CaughtMail[]
    const mail = mails
      .filter(
        (candidate) =>
          candidate.to.includes(to) &&
          candidate.subject === subject &&
          new Date(candidate.receivedAt) >= since
      )
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))[0]
    if (mail) {
      const link = mail.text
        .match(/https?:\/\/\S+/g)
        ?.map((candidate) => new URL(candidate))
        .find((candidate) => candidate.pathname === pathname)
      assert.ok(link, `the mail "${subject}" has a ${pathname} link`)
      return link
    }
    if (Date.now() > deadline) {
      assert.fail(`no mail "${subject}" to ${to} arrived in 20 seconds`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** The emailed link, opened on the web side under test. */
const onThisSite = (link: URL) => url(`${link.pathname}${link.search}`)

const logIn = async (page: Page, email: string, password: string) => {
  await page.goto(url('/login'))
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Log in' }).click()
}

const membersRow = (email: string) =>
  admin.getByRole('row').filter({
    has: admin.getByRole('rowheader', { name: new RegExp(`^${email}`) }),
  })

/** A GraphQL call from a browser's own session, as its pages make them. */
const graphQLAs = async (page: Page, query: string) => {
  const response = await page.request.post(API_GRAPHQL_URL, {
    headers: { 'auth-provider': 'dbAuth', authorization: 'Bearer session' },
    data: { query },
  })
  return (await response.json()) as {
    data?: Record<string, unknown> | null
    errors?: { message: string; extensions?: { code?: string } }[]
  }
}

describe(
  'Accounts and administration in a browser',
  { concurrency: false },
  () => {
    before(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true })
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      })
      admin = await (await newContext()).newPage()
    })

    after(async () => {
      await browser?.close()
    })

    it('signs the admin in, with the members page in the menu', async () => {
      await logIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD)
      await admin.getByRole('heading', { name: 'Send an MMS' }).waitFor()
      const membersLink = admin
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Members' })
      assert.ok(
        await membersLink.isVisible(),
        `${ADMIN_EMAIL} must be an admin for these tests (the sandbox seed makes the demo account one; otherwise set E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD)`
      )
      await membersLink.click()
      await admin.getByRole('heading', { name: 'Members', level: 1 }).waitFor()
      await membersRow(ADMIN_EMAIL).getByText('(you)').waitFor()
      await admin.getByText('SIGNUP_POLICY=open').waitFor()
    })

    it('invites a new person, whose emailed link creates their account in a fresh browser', async () => {
      const since = new Date(Date.now() - 1000)
      await admin.getByRole('textbox', { name: 'Email address' }).fill(invitee)
      await admin.getByRole('combobox', { name: 'Role' }).selectOption('MEMBER')
      await admin.getByRole('button', { name: 'Send invitation' }).click()

      await admin
        .getByRole('heading', { name: `Invitation created for ${invitee}` })
        .waitFor()
      await admin.getByText(`We emailed the link to ${invitee}.`).waitFor()
      const shownLink = await admin
        .getByRole('textbox', { name: 'Invitation link' })
        .inputValue()
      await admin
        .getByRole('region', { name: 'Open invitations, newest first' })
        .getByRole('rowheader', { name: invitee })
        .waitFor()
      await screenshot(admin, 'invited')

      const link = await mailedLink({
        to: invitee,
        subject: 'You are invited to MMS',
        since,
        pathname: '/accept-invitation',
      })
      assert.equal(
        link.href,
        shownLink,
        'the email carries the link shown once'
      )
      assert.match(
        link.searchParams.get('invitationToken') ?? '',
        /^[\w-]{43}$/
      )

      memberContext = await newContext()
      member = await memberContext.newPage()
      await member.goto(onThisSite(link))
      const email = member.getByRole('textbox', { name: 'Email address' })
      await email.waitFor()
      assert.equal(await email.inputValue(), invitee)
      assert.equal(await email.getAttribute('readonly'), '')
      await member.getByText('Member', { exact: true }).waitFor()
      await member.getByLabel('Choose a password').fill(firstPassword)
      await screenshot(member, 'accept-invitation')
      await member.getByRole('button', { name: 'Create my account' }).click()

      await member.getByRole('heading', { name: 'Send an MMS' }).waitFor()
      assert.equal(new URL(member.url()).pathname, '/')
      await member.getByText(`Signed in as ${invitee}`).waitFor()

      // Single use: the same link, in yet another browser, is refused.
      const again = await (await newContext()).newPage()
      await again.goto(onThisSite(link))
      await again.getByText('This invitation cannot be used.').waitFor()
      await again.context().close()
    })

    it('keeps the members page from a member', async () => {
      assert.equal(
        await member
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: 'Members' })
          .count(),
        0
      )
      await member.goto(url('/members'))
      await member.getByRole('heading', { name: 'Send an MMS' }).waitFor()
      assert.equal(new URL(member.url()).pathname, '/')

      const answer = await graphQLAs(member, '{ members { email } }')
      assert.equal(answer.errors?.[0]?.extensions?.code, 'FORBIDDEN')
    })

    it('resets a forgotten password through the emailed link; the old password and sessions stop working', async () => {
      const since = new Date(Date.now() - 1000)
      const reset = await (await newContext()).newPage()
      await reset.goto(url('/login'))
      await reset.getByRole('link', { name: 'Forgot your password?' }).click()
      await reset.getByLabel('Email address').fill(invitee)
      await reset.getByRole('button', { name: 'Send the link' }).click()
      await reset
        .getByText(
          'If an account uses that address, we have sent it a link to choose a new password.'
        )
        .waitFor()

      const link = await mailedLink({
        to: invitee,
        subject: 'Reset your MMS password',
        since,
        pathname: '/reset-password',
      })
      await reset.goto(onThisSite(link))
      await reset.getByLabel('New password').fill(secondPassword)
      await screenshot(reset, 'reset-password')
      await reset.getByRole('button', { name: 'Save the new password' }).click()
      await reset.getByRole('heading', { name: 'Send an MMS' }).waitFor()
      await reset.getByText(`Signed in as ${invitee}`).waitFor()

      // The session opened by the invitation ended with the reset: its next
      // request finds out, and the page goes to log in.
      await member
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'History' })
        .click()
      await member.getByRole('heading', { name: 'Log in' }).waitFor()

      await logIn(member, invitee, firstPassword)
      await member
        .getByText('The email address or password is not right.')
        .waitFor()
      await logIn(member, invitee, secondPassword)
      await member.getByText(`Signed in as ${invitee}`).waitFor()
      await reset.context().close()
    })

    it('shows how long to wait after too many failed log-ins', async () => {
      const page = await (await newContext()).newPage()
      const nobody = `nobody-${run}@example.com`
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await logIn(page, nobody, `wrong-${attempt}`)
        await page
          .getByText('The email address or password is not right.')
          .waitFor()
      }
      await logIn(page, nobody, 'wrong-6')
      await page
        .getByText(
          /^Too many failed log-ins for this account. Try again in \d+ seconds.$/
        )
        .waitFor()
      await screenshot(page, 'login-throttled')
      await page.context().close()
    })

    it('sets a member’s daily quota, which the api then applies', async () => {
      await admin.reload()
      const row = membersRow(invitee)
      await row.getByText('Active').waitFor()
      await row
        .getByRole('button', { name: `Edit limits of ${invitee}` })
        .click()

      const form = admin.getByRole('form', { name: `Limits of ${invitee}` })
      await form
        .getByRole('textbox', { name: 'Messages per day (UTC)' })
        .fill('0')
      await form.getByRole('button', { name: 'Save limits' }).click()
      await admin.getByText(`The limits of ${invitee} were saved.`).waitFor()
      const today = row.locator('td[data-label="Sent today"]')
      await today.getByText('set for this member').waitFor()
      assert.match((await today.textContent()) ?? '', /^0 of 0/)
      await screenshot(admin, 'members-limit')

      const refused = await graphQLAs(
        member,
        'mutation { sendMms(destinationPhoneNumber: "+14254147755", messageBody: "Over the quota", dryRun: true) { id } }'
      )
      assert.equal(refused.errors?.[0]?.extensions?.code, 'QUOTA_EXCEEDED')
    })

    it('refuses to let the admin disable their own account', async () => {
      const row = membersRow(ADMIN_EMAIL)
      await row.getByRole('button', { name: `Disable ${ADMIN_EMAIL}` }).click()
      await row.getByRole('button', { name: 'Yes, disable' }).click()
      await row
        .getByRole('alert')
        .getByText('You cannot disable your own account.')
        .waitFor()
      await row.getByRole('button', { name: 'Cancel' }).click()
    })

    it('disables a member, whose open session is signed out on its next request', async () => {
      await member.goto(url('/messages'))
      await member.getByRole('heading', { name: 'History', level: 1 }).waitFor()

      const row = membersRow(invitee)
      await row.getByRole('button', { name: `Disable ${invitee}` }).click()
      await row.getByText('They are signed out everywhere at once').waitFor()
      await row.getByRole('button', { name: 'Yes, disable' }).click()
      await admin.getByText(`${invitee} was disabled and signed out.`).waitFor()
      await row.getByText('Disabled', { exact: true }).waitFor()
      await screenshot(admin, 'members-disabled')

      await member
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'API keys' })
        .click()
      await member.getByRole('heading', { name: 'Log in' }).waitFor()
      await logIn(member, invitee, secondPassword)
      await member
        .getByText('This account is disabled. Ask an admin of this service.')
        .waitFor()

      await row.getByRole('button', { name: `Enable ${invitee}` }).click()
      await row.getByRole('button', { name: 'Yes, enable' }).click()
      await admin.getByText(`${invitee} was enabled.`).waitFor()
      await logIn(member, invitee, secondPassword)
      await member.getByText(`Signed in as ${invitee}`).waitFor()
    })

    it('revokes an invitation, whose link then stops working', async () => {
      const since = new Date(Date.now() - 1000)
      const revokedInvitee = `revoked-${run}@example.com`
      await admin.goto(url('/members'))
      await admin
        .getByRole('textbox', { name: 'Email address' })
        .fill(revokedInvitee)
      await admin.getByRole('button', { name: 'Send invitation' }).click()
      await admin
        .getByRole('heading', {
          name: `Invitation created for ${revokedInvitee}`,
        })
        .waitFor()
      const link = await mailedLink({
        to: revokedInvitee,
        subject: 'You are invited to MMS',
        since,
        pathname: '/accept-invitation',
      })

      const row = admin
        .getByRole('region', { name: 'Open invitations, newest first' })
        .getByRole('row')
        .filter({ has: admin.getByRole('rowheader', { name: revokedInvitee }) })
      await row
        .getByRole('button', {
          name: `Revoke the invitation for ${revokedInvitee}`,
        })
        .click()
      await row.getByRole('button', { name: 'Yes, revoke' }).click()
      await admin
        .getByText(`The invitation for ${revokedInvitee} was revoked.`)
        .waitFor()
      await row.waitFor({ state: 'detached' })

      const page = await (await newContext()).newPage()
      await page.goto(onThisSite(link))
      await page.getByText('This invitation cannot be used.').waitFor()
      await screenshot(page, 'invitation-revoked')
      await page.context().close()
    })
  }
)
