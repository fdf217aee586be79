/**
 * The app's own GraphiQL page, in a browser that may reach nothing but this
 * machine: every request to another host is aborted and recorded. A fresh
 * user signs up, makes an API key, opens GraphiQL from the API keys page and
 * runs the guide's sendMms as themselves, then with the key alone, as a
 * service would. Runs against the stack scripts/e2e.sh starts (sandbox
 * mode); see README.md here for the settings.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'

import {
  chromium,
  type Browser,
  type Page,
  type Request,
} from 'playwright-core'

const trimSlash = (value: string) => value.replace(/\/+$/, '')

const BASE_URL = trimSlash(process.env.E2E_BASE_URL ?? 'http://localhost:8910')
const SANDBOX_URL = trimSlash(
  process.env.E2E_SANDBOX_URL ?? 'http://127.0.0.1:4575'
)
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium'
const SCREENSHOTS = path.join(__dirname, 'screenshots')

/** AWS's destination simulator number that always succeeds (US). */
const SUCCESS_SIMULATOR = '+14254147755'
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

const run = randomUUID().slice(0, 8)
const email = `graphiql-${run}@example.com`
const password = `graphiql-password-${run}`

let browser: Browser
let page: Page
/** Every request the page tried to make to a host other than this machine. */
const outside = new Set<string>()
let apiKey: string
const messageIds: string[] = []

const url = (pathname: string) => `${BASE_URL}${pathname}`

const isLocal = (address: string | URL) => {
  const { protocol, hostname } = new URL(address)
  // data: and blob: URLs are the page's own bytes (graphiql's inlined fonts).
  return (
    protocol === 'data:' || protocol === 'blob:' || LOCAL_HOSTS.has(hostname)
  )
}

const screenshot = (name: string) =>
  page.screenshot({
    path: path.join(SCREENSHOTS, `graphiql-${name}.png`),
    fullPage: true,
  })

/** The text of the CodeMirror editor inside `selector`. */
const editorText = (selector: string) =>
  page.evaluate((selector) => {
    const editor = document.querySelector(`${selector} .CodeMirror`) as
      | (Element & { CodeMirror?: { getValue(): string } })
      | null
    return editor?.CodeMirror?.getValue() ?? ''
  }, selector)

/**
 * Vite's dev server reloads a page when it has just optimised dependencies
 * the page met for the first time, as graphiql's are on a fresh checkout
 * (and again for the editor modes graphiql imports lazily). Waits until the
 * page has gone `quietMs` without loading again, so nothing typed is lost.
 */
const untilReloadsStop = async (quietMs = 4_000) => {
  for (let reloads = 0; reloads < 10; reloads++) {
    try {
      await page.waitForEvent('load', { timeout: quietMs })
    } catch {
      return
    }
  }
  assert.fail('the page kept reloading')
}

const QUERY_EDITOR = '.graphiql-query-editor'
const VARIABLES_EDITOR = '.graphiql-editor-tool'
const RESULT_PANE = '.result-window'

/**
 * Runs the operation in the editor and returns the request it made and the
 * result pane's text once the pane shows that request's answer (GraphiQL
 * prints it as JSON indented by two spaces).
 */
const execute = async (): Promise<{ request: Request; result: string }> => {
  const sent = page.waitForRequest(
    (request) =>
      request.method() === 'POST' &&
      (request.postData() ?? '').includes('"operationName":"SendMms"')
  )
  await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click()
  const request = await sent
  const response = await request.response()
  assert.ok(response, 'the GraphQL request was answered')
  const shown = JSON.stringify(await response.json(), null, 2)
  await page.waitForFunction(
    ({ selector, shown }) => {
      const editor = document.querySelector(`${selector} .CodeMirror`) as
        | (Element & { CodeMirror?: { getValue(): string } })
        | null
      return editor?.CodeMirror?.getValue() === shown
    },
    { selector: RESULT_PANE, shown }
  )
  return { request, result: shown }
}

const messageIdIn = (result: string): string | null => {
  const parsed = JSON.parse(result) as {
    data?: { sendMms?: { messageId?: string | null } | null } | null
  }
  return parsed.data?.sendMms?.messageId ?? null
}

interface InboxMessage {
  messageId: string
  destinationPhoneNumber: string
  media: { uri: string }[]
}

const sandboxInbox = async (): Promise<InboxMessage[]> => {
  const response = await fetch(`${SANDBOX_URL}/_sandbox/inbox.json`)
  assert.equal(response.status, 200, 'the sandbox inbox answers')
  return ((await response.json()) as { messages: InboxMessage[] }).messages
}

describe(
  'GraphiQL with no way out of this machine',
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
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
      })
      context.setDefaultTimeout(15_000)
      await context.route(
        (address) => !isLocal(address),
        (route) => {
          outside.add(route.request().url())
          return route.abort('blockedbyclient')
        }
      )
      // Also what routing would not see (a request it never intercepts).
      context.on('request', (request) => {
        if (!isLocal(request.url())) {
          outside.add(request.url())
        }
      })
      context.on('page', (opened) =>
        opened.on('websocket', (socket) => {
          if (!isLocal(socket.url().replace(/^ws/, 'http'))) {
            outside.add(socket.url())
          }
        })
      )
      page = await context.newPage()
    })

    after(async () => {
      await browser?.close()
    })

    it('sends a signed-out visitor to log in first', async () => {
      await page.goto(url('/graphiql'))
      await page.getByRole('heading', { name: 'Log in' }).waitFor()
      assert.match(page.url(), /\/login\?redirectTo=(\/|%2F)graphiql$/)
    })

    it('signs up a fresh user, who makes an API key', async () => {
      await page.goto(url('/signup'))
      await page.getByLabel('Email address').fill(email)
      await page.getByLabel('Choose a password').fill(password)
      await page.getByRole('button', { name: 'Sign up' }).click()
      await page.getByRole('heading', { name: 'Send an MMS' }).waitFor()

      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'API keys' })
        .click()
      await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor()
      await page.getByRole('textbox', { name: 'Name' }).fill('GraphiQL trial')
      await page.getByRole('button', { name: 'Create key' }).click()
      apiKey = await page.getByRole('textbox', { name: 'API key' }).inputValue()
      assert.match(apiKey, /^mms_[a-z0-9]{10}_/)
      await page.getByRole('button', { name: 'I have stored the key' }).click()
    })

    it('opens GraphiQL from the API keys page with the guide’s sendMms ready', async () => {
      await page.getByRole('link', { name: 'GraphiQL', exact: true }).click()
      await page.getByRole('heading', { name: 'GraphiQL', level: 1 }).waitFor()
      await page.locator(`${QUERY_EDITOR} .CodeMirror`).waitFor()
      await untilReloadsStop()
      await page.locator(`${QUERY_EDITOR} .CodeMirror`).waitFor()

      await page
        .getByRole('status')
        .getByText(`Calls run as you (${email}), with your session.`)
        .waitFor()
      const query = await editorText(QUERY_EDITOR)
      assert.match(
        query,
        /^mutation SendMms\(\$destinationPhoneNumber: String!/
      )
      assert.match(query, /messageId/)
      assert.deepEqual(JSON.parse(await editorText(VARIABLES_EDITOR)), {
        destinationPhoneNumber: SUCCESS_SIMULATOR,
        mediaUrls: ['s3://mms-media-local/samples/sample.png'],
        messageBody: 'Hello from GraphiQL',
      })
      // The docs come from the api's schema, fetched through the same fetcher.
      await page
        .getByRole('button', { name: 'Show Documentation Explorer' })
        .click()
      const docs = page.getByRole('region', { name: 'Documentation Explorer' })
      await docs.getByText('Root Types').waitFor()
      await docs.getByText('Mutation', { exact: true }).waitFor()
      await page
        .getByRole('button', { name: 'Hide Documentation Explorer' })
        .click()
    })

    it('runs the guide’s mutation as the signed-in session and shows a messageId', async () => {
      const { request, result } = await execute()
      await screenshot('session')

      const headers = await request.allHeaders()
      assert.equal(new URL(request.url()).origin, new URL(BASE_URL).origin)
      assert.equal(headers['auth-provider'], 'dbAuth')
      assert.match(headers.authorization ?? '', /^Bearer \S+$/)
      assert.match(
        headers.cookie ?? '',
        /session/,
        'the session cookie goes along'
      )

      const messageId = messageIdIn(result)
      assert.ok(messageId, `a messageId in the result pane: ${result}`)
      messageIds.push(messageId)
      const received = (await sandboxInbox()).find(
        (message) => message.messageId === messageId
      )
      assert.ok(received, 'the sandbox received the message')
      assert.equal(received.destinationPhoneNumber, SUCCESS_SIMULATOR)
      assert.equal(received.media.length, 1)
    })

    it('runs it with the pasted API key alone, as a service would', async () => {
      await page
        .getByRole('textbox', { name: 'Try an API key instead' })
        .fill(apiKey)
      await page.getByRole('button', { name: 'Use this key' }).click()
      await page
        .getByRole('status')
        .getByText(
          `Calls send only the API key ${apiKey.slice(0, 15)}…, as a service would: no session cookie.`
        )
        .waitFor()

      const { request, result } = await execute()
      await screenshot('api-key')

      const headers = await request.allHeaders()
      assert.equal(headers.authorization, `Bearer ${apiKey}`)
      assert.equal(headers['auth-provider'], undefined)
      assert.equal(headers.cookie, undefined, 'no cookie with a key')

      const messageId = messageIdIn(result)
      assert.ok(messageId, `a messageId in the result pane: ${result}`)
      assert.ok(!messageIds.includes(messageId), 'a second message')
      messageIds.push(messageId)
    })

    it('is refused with a key that does not exist, though the session is still signed in', async () => {
      // Were the session cookie sent beside the key, the api would let the
      // session win and the send would go through.
      await page.getByRole('button', { name: 'Use my session again' }).click()
      await page
        .getByRole('textbox', { name: 'Try an API key instead' })
        .fill(`mms_${'0'.repeat(10)}_${'x'.repeat(43)}`)
      await page.getByRole('button', { name: 'Use this key' }).click()

      const { result } = await execute()
      const refused = JSON.parse(result) as {
        data?: { sendMms: null } | null
        errors?: { extensions?: { code?: string } }[]
      }
      assert.equal(refused.data?.sendMms ?? null, null, result)
      assert.equal(
        refused.errors?.[0]?.extensions?.code,
        'UNAUTHENTICATED',
        result
      )

      await page.getByRole('button', { name: 'Use my session again' }).click()
      const { request, result: again } = await execute()
      assert.equal((await request.allHeaders())['auth-provider'], 'dbAuth')
      assert.ok(messageIdIn(again), `the session sends again: ${again}`)
    })

    it('fits a phone-sized screen without sideways scroll', async () => {
      const phone = await page.context().newPage()
      await phone.setViewportSize({ width: 375, height: 740 })
      await phone.goto(url('/graphiql'))
      await phone.getByRole('heading', { name: 'GraphiQL', level: 1 }).waitFor()
      await phone.locator(`${QUERY_EDITOR} .CodeMirror`).waitFor()
      const overflow = await phone.evaluate(
        () =>
          document.documentElement.scrollWidth -
          document.documentElement.clientWidth
      )
      assert.equal(overflow, 0)
      await phone.screenshot({
        path: path.join(SCREENSHOTS, 'graphiql-phone.png'),
        fullPage: true,
      })
      await phone.close()
    })

    it('asked no host but this machine for anything', () => {
      assert.deepEqual([...outside], [])
    })
  }
)
