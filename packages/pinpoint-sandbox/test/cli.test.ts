import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url))

function startCli(env: Record<string, string>): {
  child: ChildProcess
  output: () => string
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts'], {
    cwd: PACKAGE_DIR,
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (data: Buffer) => (output += data.toString()))
  child.stderr!.on('data', (data: Buffer) => (output += data.toString()))
  return { child, output: () => output }
}

function exitOf(
  child: ChildProcess,
  timeoutMs: number
): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error('the CLI did not exit in time'))
    }, timeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
  })
}

async function waitForOutput(
  output: () => string,
  pattern: RegExp,
  timeoutMs: number
): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const match = pattern.exec(output())
    if (match) return match
    if (Date.now() > deadline)
      throw new Error(`no ${pattern} in CLI output:\n${output()}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('CLI', () => {
  it('starts both servers from env vars, prints the inbox, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pinpoint-sandbox-cli-'))
    const { child, output } = startCli({
      SANDBOX_S3_PORT: '0',
      SANDBOX_PINPOINT_PORT: '0',
      SANDBOX_SMTP_PORT: '0',
      SANDBOX_MAIL_PORT: '0',
      SANDBOX_S3_DIR: dataDir,
      SANDBOX_MPS: '7',
      SANDBOX_FAULT_SEED: '1234',
      SANDBOX_REGION: 'eu-west-1',
      SANDBOX_SNS_SIGNATURE_VERSION: '2',
    })
    try {
      const [, inboxUrl] = await waitForOutput(
        output,
        /Inbox:\s+(http:\/\/127\.0\.0\.1:\d+\/inbox)/,
        15_000
      )
      await waitForOutput(output, /Press Ctrl\+C to stop/, 1000)
      assert.match(
        output(),
        /AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2=http:\/\/127\.0\.0\.1:\d+/
      )
      assert.match(output(), /Fault seed:\s+1234/)
      assert.match(
        output(),
        /SNS topic:\s+arn:aws:sns:eu-west-1:000000000000:mms-delivery-events {2}\(delivery events, SignatureVersion 2\)/
      )
      assert.match(output(), /AWS_REGION=eu-west-1/)
      const [, subscribeCommand] = await waitForOutput(
        output,
        /Subscribe:\s+(curl .+)/,
        1000
      )
      assert.match(
        subscribeCommand!,
        /^curl -s -X POST http:\/\/127\.0\.0\.1:\d+\/_sns\/subscriptions -H 'Content-Type: application\/json' -d '\{"endpoint": "http:\/\/127\.0\.0\.1:8911\/deliveryEvents"\}'$/
      )
      assert.match(output(), /Mail \(SMTP\):\s+127\.0\.0\.1:\d+/)
      const [, mailUrl] = await waitForOutput(
        output,
        /Mail inbox:\s+(http:\/\/127\.0\.0\.1:\d+)/,
        1000
      )
      assert.match(output(), /SMTP_HOST=127\.0\.0\.1/)
      assert.deepEqual(
        await (await fetch(`${mailUrl}/_mail/messages.json`)).json(),
        []
      )
      const base = new URL(inboxUrl!).origin
      const config = (await (
        await fetch(`${base}/_sandbox/config`)
      ).json()) as { messagesPerSecond: number }
      assert.equal(config.messagesPerSecond, 7)
      assert.equal((await fetch(inboxUrl!)).status, 200)

      child.kill('SIGTERM')
      assert.equal(await exitOf(child, 5000), 0)
      assert.match(output(), /SIGTERM received, stopping/)
    } finally {
      child.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('exits with status 2 and names every bad variable', async () => {
    const { child, output } = startCli({
      SANDBOX_MPS: 'lots',
      SANDBOX_S3_PORT: '-1',
      SANDBOX_SMTP_PORT: 'smtp',
    })
    assert.equal(await exitOf(child, 15_000), 2)
    assert.match(output(), /SANDBOX_MPS must be an integer/)
    assert.match(output(), /SANDBOX_S3_PORT must be an integer/)
    assert.match(output(), /SANDBOX_SMTP_PORT must be an integer/)
  })
})
