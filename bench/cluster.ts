/**
 * Runs the production build as a deployment of several processes would: api
 * servers and send workers, each a Node process of its own, on one
 * PostgreSQL database, beside the local sandbox. Used by multi-instance.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import path from 'node:path'

import {
  DescribePhoneNumbersCommand,
  PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import pg from 'pg'

import { freePort, root } from './support'

export const DEFAULT_POSTGRES_SERVER =
  'postgresql://postgres@127.0.0.1:5432/postgres'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`

const withDatabase = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

const runOnServer = async (serverUrl: string, sql: string) => {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Runs a command in the project folder; its output is shown only if it fails. */
export const runQuietly = (
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env
) => {
  const result = spawnSync(command, args, { cwd: root, env, encoding: 'utf8' })
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}${result.stderr}`
    )
  }
}

const prismaCli = path.join(root, 'node_modules/.bin/prisma')

/**
 * The provider the generated Prisma client serves. It is one per checkout
 * (node_modules/.prisma), so a checkout whose tests run on SQLite must not
 * have it generated for PostgreSQL under them.
 */
export const generatedClientProvider = (): string | undefined => {
  const schema = readFileSync(
    path.join(root, 'node_modules/.prisma/client/schema.prisma'),
    'utf8'
  )
  return /datasource\s+\w+\s*\{[^}]*provider\s*=\s*"(\w+)"/.exec(schema)?.[1]
}

/** Generates the Prisma client for `databaseUrl`, or for the checkout's own default. */
export const generatePrismaClient = (databaseUrl?: string) => {
  const env = { ...process.env }
  delete env.DATABASE_URL
  runQuietly(
    prismaCli,
    ['generate'],
    databaseUrl ? { ...env, DATABASE_URL: databaseUrl } : env
  )
}

/**
 * A new database on the server at `serverUrl` with every migration applied
 * (prisma.config.ts takes PostgreSQL's by the URL); `drop` removes it.
 */
export const createMigratedDatabase = async (
  serverUrl: string,
  name: string
) => {
  const drop = () =>
    runOnServer(
      serverUrl,
      `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`
    )
  await drop()
  await runOnServer(serverUrl, `CREATE DATABASE ${quoteIdentifier(name)}`)
  const url = withDatabase(serverUrl, name)
  try {
    runQuietly(prismaCli, ['migrate', 'deploy'], {
      ...process.env,
      DATABASE_URL: url,
    })
  } catch (error) {
    await drop()
    throw error
  }
  return { url, drop }
}

/**
 * One Node process (`node <args>`), started again as often as asked. Its
 * pid is the Node process itself, not a shell or a package manager, so a
 * signal reaches the process that holds the connections and the leases.
 */
export class NodeProcess {
  private child?: ChildProcess
  private exit?: Promise<number | null>
  constructor(
    readonly name: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: string
  ) {}

  start(): this {
    const out = openSync(this.log, 'a')
    const child = spawn(process.execPath, this.args, {
      cwd: root,
      env: this.env,
      stdio: ['ignore', out, out],
    })
    closeSync(out)
    this.child = child
    this.exit = new Promise((resolve) => child.once('exit', resolve))
    return this
  }

  get pid(): number | undefined {
    return this.child?.pid
  }

  /** Kills the process at once (SIGKILL), as a crash or an OOM kill would. */
  async kill(): Promise<{ pid: number; command: string }> {
    const pid = this.child?.pid
    if (!pid || !this.running) {
      throw new Error(`${this.name} is not running`)
    }
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter(Boolean)
    if (command[0] !== process.execPath || command[1] !== this.args[0]) {
      throw new Error(
        `${this.name}: pid ${pid} runs ${command.join(' ')}, not node ${this.args[0]}`
      )
    }
    process.kill(pid, 'SIGKILL')
    await this.exit
    return { pid, command: command.join(' ') }
  }

  /** Asks the process to stop (SIGTERM), and kills it if it has not in 10 s. */
  async stop() {
    const child = this.child
    if (!child || !this.running) {
      return
    }
    child.kill('SIGTERM')
    const stopped = await Promise.race([
      this.exit?.then(() => true),
      pause(10_000).then(() => false),
    ])
    if (!stopped) {
      child.kill('SIGKILL')
      await this.exit
    }
  }

  /** Whether it is running (it has not exited on its own or been killed). */
  get running(): boolean {
    return (
      this.child !== undefined &&
      this.child.exitCode === null &&
      this.child.signalCode === null
    )
  }
}

/** Waits until `url` answers 200, or throws once `server` has exited or 120 s have passed. */
export const waitUntilAnswering = async (url: string, server: NodeProcess) => {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (!server.running) {
      throw new Error(`${server.name} exited before answering ${url}`)
    }
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await pause(100)
  }
  throw new Error(`${server.name} did not answer ${url} in time`)
}

export interface Sandbox {
  /** The Pinpoint endpoint the app calls, and the sandbox's /_sandbox control API. */
  pinpointUrl: string
  /** What the app needs to use the sandbox (AWS endpoints, bucket, mail). */
  appEnv: Record<string, string>
  process: NodeProcess
}

/**
 * The local sandbox (Pinpoint, S3, mail) on free ports, allowing
 * `identity` `messagesPerSecond` MMS a second, as its DescribePhoneNumbers
 * then reports.
 */
export const startSandbox = async ({
  dir,
  identity,
  messagesPerSecond,
  log,
}: {
  dir: string
  identity: string
  messagesPerSecond: number
  log: string
}): Promise<Sandbox> => {
  const [pinpointPort, s3Port, smtpPort, mailPort] = await Promise.all(
    Array.from({ length: 4 }, freePort)
  )
  const pinpointUrl = `http://127.0.0.1:${pinpointPort}`
  const appEnv = {
    AWS_REGION: 'us-east-1',
    PINPOINT_ORIGINATION_NUMBER: identity,
    S3_MMS_BUCKET_NAME: 'mms-media-local',
    AWS_ACCESS_KEY_ID: 'sandbox',
    AWS_SECRET_ACCESS_KEY: 'sandbox',
    AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: pinpointUrl,
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${s3Port}`,
    S3_FORCE_PATH_STYLE: 'true',
    MMS_SHARED_MEDIA_PREFIXES: 'samples/',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMTP_SECURE: 'false',
    MAIL_FROM: 'MMS <no-reply@example.com>',
  }
  const sandbox = new NodeProcess(
    'The sandbox',
    ['--import', 'tsx', 'packages/pinpoint-sandbox/src/cli.ts'],
    {
      ...process.env,
      ...appEnv,
      SANDBOX_PINPOINT_PORT: String(pinpointPort),
      SANDBOX_S3_PORT: String(s3Port),
      SANDBOX_SMTP_PORT: String(smtpPort),
      SANDBOX_MAIL_PORT: String(mailPort),
      SANDBOX_S3_DIR: path.join(dir, 's3'),
      SANDBOX_MPS: `${identity}=${messagesPerSecond}`,
      SANDBOX_LOG: 'off',
    },
    log
  ).start()
  // It starts local S3 before Pinpoint, so S3 is up once Pinpoint answers.
  await waitUntilAnswering(`${pinpointUrl}/_sandbox/health`, sandbox)
  return { pinpointUrl, appEnv, process: sandbox }
}

/** The MMS rate the sandbox reports for `identity` through DescribePhoneNumbers, if any. */
export const reportedMmsRate = async (
  pinpointUrl: string,
  identity: string
) => {
  const client = new PinpointSMSVoiceV2Client({
    region: 'us-east-1',
    endpoint: pinpointUrl,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
  })
  const { PhoneNumbers = [] } = await client.send(
    new DescribePhoneNumbersCommand({})
  )
  return PhoneNumbers.find((n) => n.PhoneNumber === identity)?.MessagingLimits
    ?.RateLimits?.MMS
}
