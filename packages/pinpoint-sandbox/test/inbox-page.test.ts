import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'

import {
  SAMPLE_IMAGE,
  SAMPLE_VIDEO,
  SIMULATOR_FAILURE_NUMBER,
  SIMULATOR_SUCCESS_NUMBER,
} from '../src/index.ts'
import { readSample } from '../src/samples/sample-media.ts'

import {
  startTestSandbox,
  type TestSandbox,
} from './support/sandbox-fixture.ts'

describe('inbox page and media', () => {
  let sandbox: TestSandbox
  let base: string
  before(async () => {
    sandbox = await startTestSandbox()
    base = sandbox.pinpoint.endpoint
  })
  after(() => sandbox.close())

  it('shows an empty state before any message', async () => {
    const html = await (await fetch(`${base}/inbox`)).text()
    assert.match(html, /No messages yet/)
    assert.match(html, /0 messages in 0 conversations/)
  })

  it('renders one conversation per destination with bubbles, inline media and statuses', async () => {
    await sandbox.send({
      MessageBody: 'Look at this',
      MediaUrls: [sandbox.imageUri],
    })
    await sandbox.send({
      MessageBody: '<script>alert("x")</script> & more',
      MediaUrls: [sandbox.videoUri],
    })
    await sandbox.send({
      MessageBody: 'Will fail',
      DestinationPhoneNumber: SIMULATOR_FAILURE_NUMBER,
    })
    await sandbox.send({ MessageBody: 'Just checking', DryRun: true })

    const response = await fetch(`${base}/inbox`)
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/)
    const html = await response.text()

    assert.match(html, /^<!doctype html>\n<html lang="en">/)
    assert.equal(html.match(/<section class="phone"/g)?.length, 2)
    assert.match(
      html,
      /<h2 id="conversation-0"><span class="to">To<\/span> \+1 425 414 7755 <span class="count">3 messages<\/span><\/h2>/
    )
    assert.match(html, /\+1 425 414 7167 <span class="count">1 message<\/span>/)

    const imageSrc = `/_sandbox/media?uri=${encodeURIComponent(sandbox.imageUri)}`
    assert.ok(
      html.includes(
        `<img src="${imageSrc}" alt="Image attachment: sample.png (image/png, `
      ),
      'image inline'
    )
    assert.ok(
      html.includes(
        `<video src="/_sandbox/media?uri=${encodeURIComponent(sandbox.videoUri)}" controls`
      ),
      'video inline'
    )
    assert.ok(!html.includes('<script>alert'), 'message text is escaped')
    assert.ok(
      html.includes(
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more'
      )
    )
    assert.match(html, /status-failed[\s\S]*Not delivered/)
    assert.match(html, /status-dry-run[\s\S]*Dry run, not sent/)
    assert.match(
      html,
      /role="status" aria-live="polite">4 messages in 2 conversations</
    )

    const csp = response.headers.get('content-security-policy') ?? ''
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1]
    assert.ok(nonce, 'CSP carries a script nonce')
    assert.ok(html.includes(`<script nonce="${nonce}">`))
    assert.doesNotMatch(html, /(src|href)="https?:\/\//, 'no external assets')
  })

  it('filters the page by destination', async () => {
    const html = await (
      await fetch(
        `${base}/inbox?destination=${encodeURIComponent(SIMULATOR_FAILURE_NUMBER)}`
      )
    ).text()
    assert.equal(html.match(/<section class="phone"/g)?.length, 1)
    assert.match(html, /aria-current="page">\+1 425 414 7167/)
  })

  it('answers the auto-refresh poll with 204 until the inbox changes', async () => {
    const { version } = (await (
      await fetch(`${base}/_sandbox/inbox.json`)
    ).json()) as { version: number }
    const unchanged = await fetch(`${base}/inbox?partial=1&since=${version}`)
    assert.equal(unchanged.status, 204)
    await sandbox.send({
      MessageBody: 'Fresh',
      DestinationPhoneNumber: SIMULATOR_SUCCESS_NUMBER,
    })
    const changed = await fetch(`${base}/inbox?partial=1&since=${version}`)
    assert.equal(changed.status, 200)
    assert.equal(changed.headers.get('x-inbox-version'), String(version + 1))
    const fragment = await changed.text()
    assert.ok(fragment.includes('Fresh'))
    assert.ok(!fragment.includes('<html'))
  })

  it('serves media bytes from the local S3, with range requests for video', async () => {
    const image = await fetch(
      `${base}/_sandbox/media?uri=${encodeURIComponent(sandbox.imageUri)}`
    )
    assert.equal(image.status, 200)
    assert.equal(image.headers.get('content-type'), 'image/png')
    assert.deepEqual(
      Buffer.from(await image.arrayBuffer()),
      readSample(SAMPLE_IMAGE)
    )

    const partial = await fetch(
      `${base}/_sandbox/media?uri=${encodeURIComponent(sandbox.videoUri)}`,
      {
        headers: { Range: 'bytes=0-15' },
      }
    )
    assert.equal(partial.status, 206)
    assert.match(
      partial.headers.get('content-range') ?? '',
      /^bytes 0-15\/\d+$/
    )
    assert.deepEqual(
      Buffer.from(await partial.arrayBuffer()),
      readSample(SAMPLE_VIDEO).subarray(0, 16)
    )

    assert.equal(
      (
        await fetch(
          `${base}/_sandbox/media?uri=${encodeURIComponent(`s3://${sandbox.s3.bucket}/nope.png`)}`
        )
      ).status,
      404
    )
    assert.equal(
      (await fetch(`${base}/_sandbox/media?uri=https://example.com/x.png`))
        .status,
      400
    )
  })

  it('redirects / to the inbox', async () => {
    const response = await fetch(`${base}/`, { redirect: 'manual' })
    assert.equal(response.status, 302)
    assert.equal(response.headers.get('location'), '/inbox')
  })
})
