/**
 * End-to-end tests of the browser app against a running stack: the web side
 * at E2E_BASE_URL, the api at E2E_API_GRAPHQL_URL and the Pinpoint sandbox at
 * E2E_SANDBOX_URL. Run with `node --import tsx --test web/e2e/*.e2e.ts`.
 *
 * The tests run in order and share one signed-up user, as a person would use
 * the app: sign up, send, look at the history, then manage API keys.
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

import { solidPng } from './png'

const BASE_URL = (process.env.E2E_BASE_URL ?? 'http://localhost:8910').replace(
  /\/$/,
  ''
)
const SANDBOX_URL = (
  process.env.E2E_SANDBOX_URL ?? 'http://127.0.0.1:4575'
).replace(/\/$/, '')
const API_GRAPHQL_URL =
  process.env.E2E_API_GRAPHQL_URL ?? 'http://localhost:8911/graphql'
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium'
const SCREENSHOTS = path.join(__dirname, 'screenshots')

/** AWS's destination simulator number that always succeeds (US). */
const SUCCESS_SIMULATOR = '+14254147755'

const run = randomUUID().slice(0, 8)
const email = `e2e-${run}@example.com`
const password = `e2e-password-${run}`
const messageBody = `End-to-end test ${run}: a red square.`

let browser: Browser
let context: BrowserContext
let page: Page

const url = (pathname: string) => `${BASE_URL}${pathname}`

const screenshot = (name: string, target: Page = page) =>
  target.screenshot({
    path: path.join(SCREENSHOTS, `${name}.png`),
    fullPage: true,
  })

interface InboxMessage {
  messageId: string
  destinationPhoneNumber: string
  messageBody: string | null
  media: { uri: string; contentType: string; size: number }[]
}

const sandboxInbox = async (): Promise<InboxMessage[]> => {
  const response = await fetch(`${SANDBOX_URL}/_sandbox/inbox.json`)
  assert.equal(response.status, 200, 'the sandbox inbox answers')
  return ((await response.json()) as { messages: InboxMessage[] }).messages
}

/** A service's call: only the key, as a service would send it. */
const callApiWithKey = async (key: string) => {
  const response = await fetch(API_GRAPHQL_URL, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${key}`,
    },
    body: JSON.stringify({
      query: '{ mmsMessages(first: 5) { nodes { messageBody status } } }',
    }),
  })
  return (await response.json()) as {
    data?: {
      mmsMessages: { nodes: { messageBody: string | null; status: string }[] }
    } | null
    errors?: { message: string; extensions?: { code?: string } }[]
  }
}

describe('MMS Sender in a browser', { concurrency: false }, () => {
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
    context = await browser.newContext({
      viewport: { width: 1180, height: 900 },
    })
    context.setDefaultTimeout(15_000)
    page = await context.newPage()
  })

  after(async () => {
    await browser?.close()
  })

  it('sends a signed-out visitor to log in, and shows the auth pages', async () => {
    await page.goto(url('/messages'))
    await page.getByRole('heading', { name: 'Log in' }).waitFor()
    assert.match(page.url(), /\/login\?redirectTo=/)
    await screenshot('login')

    await page.getByRole('link', { name: 'Forgot your password?' }).click()
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor()
    await screenshot('forgot-password')

    await page.goto(url('/reset-password?resetToken=not-a-token'))
    await page.getByText('This link is not valid or has expired.').waitFor()
    await screenshot('reset-password')

    await page.goto(url('/no-such-page'))
    await page.getByRole('heading', { name: 'Page not found' }).waitFor()
    await screenshot('not-found')
  })

  it('signs up a fresh user, who lands on the send page', async () => {
    await page.goto(url('/signup'))
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Choose a password').fill(password)
    await screenshot('signup')
    await page.getByRole('button', { name: 'Sign up' }).click()

    await page.getByRole('heading', { name: 'Send an MMS' }).waitFor()
    assert.equal(new URL(page.url()).pathname, '/')
    await page.getByText(`Signed in as ${email}`).waitFor()
    await screenshot('send')
  })

  it('shows a field error beside a number that is not valid', async () => {
    const destination = page.getByLabel('Destination phone number')
    await destination.fill('+1 206 555 010')
    const error = page.getByText(
      'This is not a valid phone number for its country code.'
    )
    await error.waitFor()
    assert.equal(await destination.getAttribute('aria-invalid'), 'true')
    await screenshot('send-field-error')

    await page.getByRole('button', { name: 'Send MMS' }).click()
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      'destinationPhoneNumber',
      'a submit with the error moves focus to the field to fix'
    )

    await destination.fill('+1 425 414 7755')
    await page.getByText('Sends to +1 425 414 7755').waitFor()
    assert.equal(await destination.getAttribute('aria-invalid'), 'false')
  })

  it('uploads an image and sends it to the success simulator', async () => {
    const image = solidPng(96, 64, [200, 30, 30])
    await page.getByLabel('Destination phone number').fill(SUCCESS_SIMULATOR)
    await page.getByLabel('Message').fill(messageBody)
    await page.getByText(`${messageBody.length} of 1600 characters`).waitFor()
    await page.getByLabel('Photo, video or other file').setInputFiles({
      name: 'red-square.png',
      mimeType: 'image/png',
      buffer: image,
    })

    const preview = page.getByRole('img', { name: 'Image: red-square.png' })
    await preview.waitFor()
    assert.ok(
      await preview.evaluate((img: HTMLImageElement) => img.naturalWidth === 96)
    )

    const upload = page.waitForRequest((request) => request.method() === 'PUT')
    await page.getByRole('button', { name: 'Send MMS' }).click()
    const put = await upload
    assert.equal(put.headers()['content-type'], 'image/png')

    await page
      .getByRole('heading', { name: 'Message sent' })
      .waitFor({ timeout: 30_000 })
    await page.getByRole('status').getByText('Sent', { exact: true }).waitFor()
    assert.equal(
      await page.getByLabel('Message').inputValue(),
      '',
      'the form is ready for the next message'
    )
    assert.equal(
      await page
        .getByLabel('Photo, video or other file')
        .evaluate((input: HTMLInputElement) => input.files?.length),
      0
    )
    await screenshot('send-result')

    const received = (await sandboxInbox()).find(
      (message) => message.messageBody === messageBody
    )
    assert.ok(received, 'the sandbox received the message')
    assert.equal(received.destinationPhoneNumber, SUCCESS_SIMULATOR)
    assert.equal(received.media.length, 1)
    assert.equal(received.media[0].contentType, 'image/png')
    assert.equal(received.media[0].size, image.length)
  })

  it('shows the message turn DELIVERED without a reload', async () => {
    await page
      .getByRole('link', { name: 'View the message and its delivery attempts' })
      .click()
    await page
      .getByRole('heading', { name: 'Message details', level: 1 })
      .waitFor()
    const status = page.locator('section[aria-labelledby="status-heading"]')
    const shownFirst = await status
      .locator('.status-badge')
      .first()
      .textContent()
    // A reload or a navigation would drop this mark.
    await page.evaluate(() => {
      ;(window as unknown as { notReloaded: boolean }).notReloaded = true
    })

    // The sandbox reports PENDING, SUCCESSFUL, then DELIVERED over signed
    // SNS notifications to the api; the page polls while events may come.
    await status
      .getByText('Delivered', { exact: true })
      .waitFor({ timeout: 60_000 })
    assert.ok(
      await page.evaluate(
        () => (window as unknown as { notReloaded?: boolean }).notReloaded
      ),
      `the page updated in place (it showed "${shownFirst}" first)`
    )
    const events = page
      .getByRole('list', { name: 'Delivery events' })
      .getByRole('listitem')
    await events.nth(2).waitFor()
    assert.equal(await events.count(), 3)
    await page.getByText('US$0.022').first().waitFor()
    await screenshot('message-delivered')
  })

  it('shows the message in the history with its thumbnail and status', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'History' })
      .click()
    await page.getByRole('heading', { name: 'History', level: 1 }).waitFor()

    const item = page.getByRole('listitem').filter({ hasText: messageBody })
    await item.waitFor()
    await item.getByText('Delivered', { exact: true }).waitFor()
    await item.getByText('+1 *** *** **55').waitFor()
    const thumbnail = item.locator('.media-thumbnail img')
    await thumbnail.waitFor()
    await page.waitForFunction(
      (img) =>
        (img as HTMLImageElement).complete &&
        (img as HTMLImageElement).naturalWidth > 0,
      await thumbnail.elementHandle()
    )
    assert.equal(
      await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth),
      96
    )
    await screenshot('history')

    await page.getByLabel('Status').selectOption('FAILED')
    await page.getByText('No messages have the status “Failed”.').waitFor()
    assert.match(page.url(), /status=FAILED/)
    await page.getByLabel('Status').selectOption('')
    await item.waitFor()

    await item.getByRole('link').click()
    await page
      .getByRole('heading', { name: 'Message details', level: 1 })
      .waitFor()
    await page.getByText('+1 425 414 7755').waitFor()
    await page.getByRole('heading', { name: 'Attempts (1)' }).waitFor()
    await page.getByRole('cell', { name: 'Accepted' }).waitFor()
    await page.getByRole('img', { name: 'Image: red-square.png' }).waitFor()
    await screenshot('message')
  })

  it('creates an API key that works for a service until it is revoked', async () => {
    await page.getByRole('link', { name: 'API keys' }).click()
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor()
    await page.getByText('You have no API keys yet.').waitFor()

    await page.getByRole('button', { name: 'Create key' }).click()
    await page.getByText(/Give the key a name of 1 to 100 characters/).waitFor()

    await page.getByRole('textbox', { name: 'Name' }).fill('E2E service')
    await page.getByRole('button', { name: 'Create key' }).click()
    await page
      .getByRole('heading', { name: 'Copy your new key “E2E service” now' })
      .waitFor()
    const secret = await page
      .getByRole('textbox', { name: 'API key' })
      .inputValue()
    assert.ok(secret.length > 20)
    await screenshot('api-key-created')

    const accepted = await callApiWithKey(secret)
    assert.equal(accepted.errors, undefined, JSON.stringify(accepted.errors))
    assert.ok(
      accepted.data?.mmsMessages.nodes.some(
        (node) => node.messageBody === messageBody
      ),
      'the key reads its owner’s messages'
    )

    await page.getByRole('button', { name: 'I have stored the key' }).click()
    const row = page.getByRole('row').filter({ hasText: 'E2E service' })
    await row.getByText('Active').waitFor()
    await row.getByRole('button', { name: 'Revoke E2E service' }).click()
    await row.getByText('Services using it are refused at once.').waitFor()
    await screenshot('api-key-revoke-confirm')
    await row.getByRole('button', { name: 'Yes, revoke' }).click()
    await row.getByText(/^Revoked/).waitFor()
    await page.getByText('The key E2E service was revoked.').waitFor()
    await screenshot('api-keys')

    const refused = await callApiWithKey(secret)
    assert.equal(refused.data?.mmsMessages ?? null, null)
    assert.equal(refused.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED')
  })

  it('fits a phone-sized screen', async () => {
    const phone = await context.newPage()
    await phone.setViewportSize({ width: 375, height: 740 })
    for (const [name, pathname, heading] of [
      ['send-phone', '/', 'Send an MMS'],
      ['history-phone', '/messages', 'History'],
      ['api-keys-phone', '/api-keys', 'API keys'],
    ]) {
      await phone.goto(url(pathname))
      await phone.getByRole('heading', { name: heading, level: 1 }).waitFor()
      await phone.waitForLoadState('networkidle')
      const overflow = await phone.evaluate(
        () =>
          document.documentElement.scrollWidth -
          document.documentElement.clientWidth
      )
      assert.equal(overflow, 0, `${pathname} has no sideways scroll on a phone`)
      await screenshot(name, phone)
    }
    await phone.close()
  })

  it('logs out', async () => {
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.getByRole('heading', { name: 'Log in' }).waitFor()
  })
})
