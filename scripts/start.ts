/**
 * `npm start`: runs the app on its embedded defaults. Without AWS settings it
 * starts the local Pinpoint sandbox and local S3, creates the demo account
 * and key in a database of their own (scripts/sandbox.env), and points the
 * app at them; with PINPOINT_ORIGINATION_NUMBER set (in .env or the
 * environment) it runs against real AWS instead, where the api refuses to
 * start while the demo account or key is in its database.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'

import { parse as parseEnv } from 'dotenv'

const root = path.resolve(__dirname, '..')
const readEnvFile = (file: string): Record<string, string> =>
  existsSync(file) ? parseEnv(readFileSync(file)) : {}

const children: ChildProcess[] = []
let stopping = false

const stopAll = (code: number) => {
  if (stopping) return
  stopping = true
  for (const child of children) {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
    }
  }
  setTimeout(() => process.exit(code), 1500).unref()
}

const run = (
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  name: string
) => {
  const child = spawn(command, args, {
    cwd: root,
    env,
    stdio: 'inherit',
    detached: true,
  })
  children.push(child)
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(
        `\n${name} stopped (${signal ?? `exit ${code}`}); stopping everything.`
      )
      stopAll(code ?? 1)
    }
  })
  return child
}

const runToEnd = (command: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' })
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))
    )
  })

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port })
    socket.once('connect', () => resolve(socket.end() && true))
    socket.once('error', () => resolve(false))
  })

const waitForPort = async (port: number, name: string, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await portOpen(port)) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(
    `${name} did not start listening on port ${port} within ${timeoutMs / 1000} s`
  )
}

/**
 * Subscribes the api's deliveryEvents function to the sandbox's SNS topic and
 * waits until the api has confirmed the subscription, as it would with AWS.
 */
const subscribeToSandboxEvents = async (env: NodeJS.ProcessEnv) => {
  const sandbox = `http://127.0.0.1:${env.SANDBOX_PINPOINT_PORT}`
  const endpoint = 'http://127.0.0.1:8911/deliveryEvents'
  const response = await fetch(`${sandbox}/_sns/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ endpoint }),
  })
  if (!response.ok) {
    throw new Error(`the sandbox refused the subscription (${response.status})`)
  }
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const listed = (await (
      await fetch(`${sandbox}/_sns/subscriptions`)
    ).json()) as { subscriptions: { endpoint: string; state: string }[] }
    if (
      listed.subscriptions.some(
        (s) => s.endpoint === endpoint && s.state === 'confirmed'
      )
    ) {
      return
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('the api did not confirm the delivery events subscription')
}

const main = async () => {
  process.on('SIGINT', () => stopAll(0))
  process.on('SIGTERM', () => stopAll(0))

  const userConfig = { ...readEnvFile(path.join(root, '.env')), ...process.env }
  const sandboxMode = !userConfig.PINPOINT_ORIGINATION_NUMBER
  const env: NodeJS.ProcessEnv = sandboxMode
    ? {
        ...readEnvFile(path.join(root, 'scripts', 'sandbox.env')),
        ...process.env,
      }
    : // Sandbox mode comes only from sandbox.env: set empty here, a leftover
      // MMS_SANDBOX in .env cannot switch it on (Redwood never overrides a set variable).
      { ...process.env, MMS_SANDBOX: '' }

  const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
  if (sandboxMode) {
    for (const [port, name] of [
      [Number(env.SANDBOX_PINPOINT_PORT), 'the Pinpoint sandbox'],
      [Number(env.SANDBOX_S3_PORT), 'local S3'],
      [Number(env.SANDBOX_SMTP_PORT), 'the mail catcher (SMTP)'],
      [Number(env.SANDBOX_MAIL_PORT), 'the mail catcher page'],
      [8910, 'the web server'],
      [8911, 'the api server'],
    ] as const) {
      if (await portOpen(port)) {
        throw new Error(
          `Port ${port}, needed for ${name}, is already in use. Is the app already running?`
        )
      }
    }
    run(tsx, ['packages/pinpoint-sandbox/src/cli.ts'], env, 'The sandbox')
    await waitForPort(Number(env.SANDBOX_PINPOINT_PORT), 'The Pinpoint sandbox')
    await waitForPort(Number(env.SANDBOX_S3_PORT), 'Local S3')
    // run.sh migrated the default database; the sandbox's is another file.
    await runToEnd(
      'corepack',
      ['yarn', 'rw', 'prisma', 'migrate', 'deploy'],
      env
    )
    await runToEnd('corepack', ['yarn', 'rw', 'exec', 'seed', '--silent', '--no-prisma'], env)
  }

  run(
    'corepack',
    ['yarn', 'rw', 'dev', '--fwd=--no-open'],
    env,
    'The Redwood dev server'
  )
  await waitForPort(8911, 'The api server', 180_000)
  await waitForPort(8910, 'The web server', 180_000)
  if (sandboxMode) {
    await subscribeToSandboxEvents(env)
  }

  const lines = [
    '',
    '  The MMS app is running.',
    '    App:       http://localhost:8910',
    '    GraphiQL:  http://localhost:8911/graphql',
  ]
  if (sandboxMode) {
    lines.push(
      `    Inbox:     http://127.0.0.1:${env.SANDBOX_PINPOINT_PORT}/inbox  (what the "phones" received)`,
      `    Mail:      http://127.0.0.1:${env.SANDBOX_MAIL_PORT}  (invitations and password resets)`,
      '',
      '  Local sandbox in place of AWS (development only):',
      `    Sign in as ${env.DEMO_USER_EMAIL} / ${env.DEMO_USER_PASSWORD}`,
      `    API key    ${env.DEMO_API_KEY}`,
      `    Media      s3://${env.S3_MMS_BUCKET_NAME}/samples/sample.png (uploads go to the same bucket)`,
      '    Numbers    +14254147755 always succeeds, +14254147167 always fails',
      '    Events     delivery receipts arrive signed over SNS: SENT turns into DELIVERED'
    )
  } else {
    lines.push(
      '',
      `  Sending through AWS in ${env.AWS_REGION ?? userConfig.AWS_REGION}.`
    )
  }
  lines.push('', '  Ctrl-C stops everything.', '')
  console.info(lines.join('\n'))
}

main().catch((error: unknown) => {
  console.error(
    `\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`
  )
  stopAll(1)
})
