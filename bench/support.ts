/**
 * Shared by the benchmarks: starts the production build of the api against
 * the local Pinpoint sandbox and local S3 on free ports, with a database of
 * its own, and stops everything again.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import {
  appendFileSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
} from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export const root = path.resolve(__dirname, '..')

const packageJson = JSON.parse(
  readFileSync(path.join(root, 'package.json'), 'utf8')
) as { config: { productionNodeOptions: string } }

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

const waitForPort = async (port: number, name: string, child: ChildProcess) => {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with ${child.exitCode} before listening`)
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port })
      socket.once('connect', () => resolve(socket.end() && true))
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${name} did not listen on ${port} in time`)
}

/**
 * The api runs with the heap settings `npm run serve` gives it
 * (package.json's config.productionNodeOptions), then a benchmark's own
 * NODE_OPTIONS and BENCH_API_NODE_OPTIONS (e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof"), the last of a setting winning.
 */
const apiNodeOptions = (benchmarkOptions?: string) =>
  [
    packageJson.config.productionNodeOptions,
    benchmarkOptions,
    process.env.BENCH_API_NODE_OPTIONS,
  ]
    .filter(Boolean)
    .join(' ')

const yarnEnv = () => ({
  ...process.env,
  COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
  REDWOOD_DISABLE_TELEMETRY: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: 'true',
})

/** Runs a step of the set-up, showing its output only when it fails. */
const runOrFail = (command: string, args: string[], env: NodeJS.ProcessEnv) => {
  const result = spawnSync(command, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.status !== 0) {
    process.stderr.write(result.stdout)
    process.stderr.write(result.stderr)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}`)
  }
}

/** Builds the api's production bundle (api/dist). */
export const buildApi = () =>
  runOrFail(
    'corepack',
    ['yarn', 'rw', 'build', 'api', '--no-prisma'],
    yarnEnv()
  )

export interface RunningApp {
  apiUrl: string
  /** The api server's process id. */
  apiPid: number
  /** The api's NODE_OPTIONS: the production ones, then the benchmark's. */
  apiNodeOptions: string
  /** The Pinpoint sandbox: the AWS endpoint the api uses, and its /_sandbox control API. */
  pinpointUrl: string
  /** The api's SQLite database file. */
  databaseFile: string
  /** The api's environment (endpoints, credentials, settings). */
  env: NodeJS.ProcessEnv
  /**
   * Starts another process with the api's environment (plus `env`), waits
   * until it listens on `port`, and stops it with the rest.
   */
  startBeside: (options: {
    name: string
    command: string
    args: string[]
    port: number
    env?: Record<string, string>
  }) => Promise<ChildProcess>
  stop: () => Promise<void>
}

/** Builds the api (unless told not to) and starts it with the sandbox. */
export const startApp = async ({
  build = true,
  env: extraEnv = {},
  apiLog,
  workers = 0,
}: {
  build?: boolean
  env?: Record<string, string>
  /** A file to append the api's log to (else it is dropped). */
  apiLog?: string
  /**
   * Send workers as processes of their own (api/dist/worker.js), the api
   * then running none; 0 keeps the worker inside the api process.
   */
  workers?: number
} = {}): Promise<RunningApp> => {
  if (build) {
    buildApi()
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mms-bench-'))
  const [pinpointPort, s3Port, smtpPort, mailPort, apiPort] = await Promise.all(
    Array.from({ length: 5 }, freePort)
  )
  const databaseFile = path.join(dir, 'bench.db')
  const env: NodeJS.ProcessEnv = {
    ...yarnEnv(),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: `file:${databaseFile}`,
    AWS_REGION: 'us-east-1',
    PINPOINT_ORIGINATION_NUMBER: '+18445550100',
    S3_MMS_BUCKET_NAME: 'mms-media-local',
    AWS_ACCESS_KEY_ID: 'sandbox',
    AWS_SECRET_ACCESS_KEY: 'sandbox',
    AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: `http://127.0.0.1:${pinpointPort}`,
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${s3Port}`,
    S3_FORCE_PATH_STYLE: 'true',
    MMS_SHARED_MEDIA_PREFIXES: 'samples/',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMTP_SECURE: 'false',
    MAIL_FROM: 'MMS <no-reply@example.com>',
    SANDBOX_PINPOINT_PORT: String(pinpointPort),
    SANDBOX_S3_PORT: String(s3Port),
    SANDBOX_SMTP_PORT: String(smtpPort),
    SANDBOX_MAIL_PORT: String(mailPort),
    SANDBOX_S3_DIR: path.join(dir, 's3'),
    // The benchmarks measure the app, not the sandbox's per-number pacing.
    SANDBOX_MPS: '100000',
    ...(workers > 0 ? { MMS_IN_PROCESS_WORKER: 'false' } : {}),
    ...extraEnv,
  }
  runOrFail('corepack', ['yarn', 'rw', 'prisma', 'migrate', 'deploy'], env)

  const children: ChildProcess[] = []
  const start = (
    command: string,
    args: string[],
    log?: string,
    moreEnv: Record<string, string> = {}
  ) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...env, ...moreEnv },
      stdio: ['ignore', log ? openSync(log, 'a') : 'ignore', 'inherit'],
      detached: true,
    })
    children.push(child)
    return child
  }
  const stop = async () => {
    for (const child of children) {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM')
        } catch {
          // already gone
        }
      }
    }
    await new Promise((r) => setTimeout(r, 500))
    rmSync(dir, { recursive: true, force: true })
  }
  const apiOptions = apiNodeOptions(extraEnv.NODE_OPTIONS)
  let api: ChildProcess
  try {
    const sandbox = start(path.join(root, 'node_modules/.bin/tsx'), [
      'packages/pinpoint-sandbox/src/cli.ts',
    ])
    await waitForPort(pinpointPort, 'The Pinpoint sandbox', sandbox)
    await waitForPort(s3Port, 'Local S3', sandbox)
    api = start(
      process.execPath,
      [
        'api/dist/server.js',
        '--apiPort',
        String(apiPort),
        '--apiHost',
        '127.0.0.1',
      ],
      apiLog,
      { NODE_OPTIONS: apiOptions }
    )
    await waitForPort(apiPort, 'The api server', api)
    for (let i = 0; i < workers; i++) {
      start(process.execPath, ['api/dist/worker.js'], apiLog, {
        NODE_OPTIONS: apiOptions,
      })
    }
  } catch (error) {
    await stop()
    throw error
  }
  return {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    apiPid: api.pid!,
    apiNodeOptions: apiOptions,
    pinpointUrl: `http://127.0.0.1:${pinpointPort}`,
    databaseFile,
    env,
    startBeside: async ({ name, command, args, port, env: moreEnv }) => {
      const child = start(command, args, apiLog, moreEnv)
      await waitForPort(port, name, child)
      return child
    },
    stop,
  }
}

/** Signs up the first account (the admin) and makes it an API key. */
export const signUpWithApiKey = async (
  apiUrl: string,
  email: string,
  password: string
) => {
  const signup = await fetch(`${apiUrl}/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'signup', username: email, password }),
  })
  if (signup.status !== 201) {
    throw new Error(`Sign-up failed: ${signup.status} ${await signup.text()}`)
  }
  const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0]
  const created = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie,
      'auth-provider': 'dbAuth',
      authorization: 'Bearer 1',
    },
    body: JSON.stringify({
      query: 'mutation { createApiKey(name: "bench") { secret } }',
    }),
  })
  const body = (await created.json()) as {
    data?: { createApiKey: { secret: string } }
  }
  if (!body.data) {
    throw new Error(`Could not create an API key: ${JSON.stringify(body)}`)
  }
  return { cookie, apiKey: body.data.createApiKey.secret }
}

/** The machine and how busy it already is: the figures mean little without it. */
export const machine = () => {
  const cpus = os.cpus()
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  return `Machine: ${cpus.length} CPUs (${cpus[0]?.model.trim()}), Node ${process.version}, ${os.platform()} ${os.release()}; load average ${load}`
}

/**
 * Adds lines to the summary `bench/all.ts` prints at the end (it names the
 * file in BENCH_SUMMARY_FILE); run alone, a benchmark prints only its own.
 */
export const addToSummary = (lines: string[]) => {
  const file = process.env.BENCH_SUMMARY_FILE
  if (file) {
    appendFileSync(file, `${lines.join('\n')}\n`)
  }
}

/** A process's resident memory (MB) and open file descriptors, by kind, from /proc. */
export const processFootprint = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN)
  const kinds = new Map<string, number>()
  let descriptors = 0
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target: string
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`)
    } catch {
      continue // closed meanwhile
    }
    descriptors++
    const kind = /\.db(-wal|-shm|-journal)?$/.test(target)
      ? 'database'
      : (/^(socket|pipe|anon_inode):/.exec(target)?.[1] ?? 'file')
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
  }
  return { rssMb: rssKb / 1024, descriptors, kinds: Object.fromEntries(kinds) }
}

export interface Answer {
  status: number
  body: string
}

/**
 * A light HTTP/1.1 client on kept-alive connections, so the load generator,
 * which shares the machine, costs as little as it can.
 */
export const httpClient = (baseUrl: string, connections = 64) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  const { hostname, port } = new URL(baseUrl)
  const request = (
    method: string,
    route: string,
    body?: string,
    headers: Record<string, string> = {}
  ) =>
    new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        {
          agent,
          hostname,
          port,
          method,
          path: route,
          headers: {
            ...(body === undefined
              ? {}
              : {
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(body),
                }),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
            })
          )
          res.on('error', reject)
        }
      )
      req.on('error', reject)
      req.end(body)
    })
  return {
    post: (route: string, body: unknown, headers?: Record<string, string>) =>
      request('POST', route, JSON.stringify(body), headers),
    get: (route: string, headers?: Record<string, string>) =>
      request('GET', route, undefined, headers),
    close: () => agent.destroy(),
  }
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

/** Runs `loops` concurrent loops of `task` until `ms` have passed; returns each call's latency. */
export const runFor = async (
  ms: number,
  loops: number,
  task: () => Promise<string>
) => {
  const end = Date.now() + ms
  const latencies: number[] = []
  const outcomes = new Map<string, number>()
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (Date.now() < end) {
        const started = performance.now()
        let outcome: string
        try {
          outcome = await task()
        } catch (error) {
          outcome = `error: ${(error as Error).message}`
        }
        latencies.push(performance.now() - started)
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
      }
    })
  )
  latencies.sort((a, b) => a - b)
  return { latencies, outcomes, perSecond: latencies.length / (ms / 1000) }
}
