/**
 * Do several api processes and several send workers share one queue on
 * PostgreSQL, keep the origination identity's pace, and lose nothing and
 * send nothing twice when one api and one worker die mid-burst?
 *
 * Creates a PostgreSQL database of its own (mms_bench_<pid>, dropped at the
 * end), starts the local sandbox allowing the one origination identity L MMS
 * a second (the app learns L through DescribePhoneNumbers), 2 api servers
 * (MMS_IN_PROCESS_WORKER=false) and 2 worker processes (api/dist/worker.js),
 * signs up and makes an API key, and sends a burst through the GraphQL
 * sendMms mutation from many callers, spread over both apis. Once
 * --kill-at calls have been answered it kills one api and one worker with
 * SIGKILL, starts them again --down-seconds later, and goes on. A call that
 * fails (the killed api cut it off or refused it) is sent again, to the
 * other api, with the same idempotencyKey, so nothing is recorded twice.
 * When the queue has drained it prints the send rate over the sandbox's
 * accepted timestamps as a share of L, messages lost, messages sent twice,
 * the final statuses, the callers' errors and retries, and the machine.
 *
 * sendMms runs with MMS_SEND_WAIT_MS=0 (answer QUEUED at once) unless
 * --env sets it, so that the burst is a burst. With the default (3 s), a call
 * whose slot is under 3 s away waits for its send, and 32 callers never put
 * more than 32 messages, under 3 s × L = 60, ahead of the workers: every
 * call waits for its own send, and the callers become a steady stream paced
 * by the sends (measured: 2,982 of 3,000 calls answered SENT, the last after
 * 165 s) rather than a queue for the workers to drain.
 *
 * The generated Prisma client must be PostgreSQL's. It is one per checkout
 * (node_modules/.prisma) and a PostgreSQL client breaks SQLite runs, so run
 * this in a checkout of its own:
 *
 *   git clone -q <this repository> /tmp/mms-bench && cd /tmp/mms-bench
 *   corepack yarn install && corepack yarn workspace @mms/rules build
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node_modules/.bin/prisma generate
 *   node_modules/.bin/tsx bench/multi-instance.ts
 *     [--messages 3000] [--rate 20] [--callers 32]
 *     [--kill-at N]              (answered calls before the kill; default a third of --messages)
 *     [--down-seconds 5]         (how long the killed api and worker stay down)
 *     [--postgres URL]           (the server; default TEST_POSTGRES_URL or postgresql://postgres@127.0.0.1:5432/postgres)
 *     [--generate-client]        (generate PostgreSQL's client first and the checkout's default again at the end)
 *     [--no-build]               (use the api/dist already built)
 *     [--env NAME=value ...]     (more settings for every api and worker)
 *     [--log-dir dir]            (keep each process's log there)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import {
  busiestSecond,
  deliveryFigures,
  pause,
  ratePerSecond,
  readAllMessages,
  waitUntilDrained,
  type InboxMessage,
  type ListMessages,
  type MessagePage,
  type RecordedMessage,
  type SandboxStats,
} from './burstFigures'
import {
  createMigratedDatabase,
  DEFAULT_POSTGRES_SERVER,
  generatedClientProvider,
  generatePrismaClient,
  NodeProcess,
  reportedMmsRate,
  runQuietly,
  startSandbox,
  waitUntilAnswering,
  type Sandbox,
} from './cluster'
import { freePort, percentile, signUpWithApiKey } from './support'

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '3000' },
    rate: { type: 'string', default: '20' },
    callers: { type: 'string', default: '32' },
    'kill-at': { type: 'string' },
    'down-seconds': { type: 'string', default: '5' },
    postgres: {
      type: 'string',
      default: process.env.TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_SERVER,
    },
    'generate-client': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    env: { type: 'string', multiple: true, default: [] },
    'log-dir': { type: 'string' },
  },
})
const extraEnv = Object.fromEntries(
  values.env.map((pair) => {
    const at = pair.indexOf('=')
    if (at < 1) throw new Error(`--env ${pair}: expected NAME=value`)
    return [pair.slice(0, at), pair.slice(at + 1)]
  })
)
const MESSAGES = Number(values.messages)
const RATE = Number(values.rate)
const CALLERS = Number(values.callers)
const KILL_AT = Number(values['kill-at'] ?? Math.floor(MESSAGES / 3))
const DOWN_MS = Number(values['down-seconds']) * 1000
if (!(KILL_AT > 0 && KILL_AT < MESSAGES)) {
  throw new Error(`--kill-at must be between 1 and ${MESSAGES - 1}`)
}
const APIS = 2
const WORKERS = 2
const IDENTITY = '+18445550100'
const DESTINATION = '+14254147755'
/** Tries of one call, each on the api after the one that failed. */
const MAX_TRIES = 10
/** Later than this behind later messages counts as held back. */
const HELD_BACK_MS = 30_000

const SEND_MUTATION = `mutation MultiInstanceBench_SendMms($destinationPhoneNumber: String!, $messageBody: String, $idempotencyKey: String) {
  sendMms(destinationPhoneNumber: $destinationPhoneNumber, messageBody: $messageBody, idempotencyKey: $idempotencyKey) { id status createdAt }
}`
const LIST_QUERY = `query MultiInstanceBench_Messages($first: Int, $after: String, $status: MmsStatus) {
  mmsMessages(first: $first, after: $after, status: $status) {
    nodes { id messageId status idempotencyKey }
    pageInfo { hasNextPage endCursor }
  }
}`
const MESSAGE_QUERY = `query MultiInstanceBench_Message($id: String!) {
  mmsMessage(id: $id) {
    status errorCode
    attempts { number startedAt durationMs outcome httpStatus errorCode }
  }
}`

interface Message extends RecordedMessage {
  idempotencyKey: string | null
}
interface GraphQLAnswer<T> {
  data?: T
  errors?: Array<{ message: string; extensions?: { code?: string } }>
}
/** A request that got no answer: the connection was refused or cut off. */
interface FailedRequest {
  api: number
  sentAt: number
  failedAt: number
  cause: string
}

const causeOf = (error: unknown) => {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (error as Error).message
}

/**
 * How many accepted messages went out more than `lateMs` after one that was
 * called more than `margin` places after them: held back, as by the lease of
 * a worker that died holding them. `margin` absorbs the callers' interleaving.
 */
const heldBack = <T extends { at: number; n: number }>(
  accepted: T[],
  lateMs: number,
  margin: number
): T[] => {
  const byTime = [...accepted].sort((a, b) => a.at - b.at)
  let highestEarlier = -Infinity
  let earlier = 0
  return byTime.filter(({ at, n }) => {
    while (byTime[earlier].at <= at - lateMs) {
      highestEarlier = Math.max(highestEarlier, byTime[earlier].n)
      earlier++
    }
    return highestEarlier > n + margin
  })
}

const count = <T>(items: T[], key: (item: T) => string) => {
  const counts = new Map<string, number>()
  for (const item of items) {
    counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  }
  return Object.fromEntries(counts)
}

const loadAverage = () =>
  os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')

const main = async () => {
  const provider = generatedClientProvider()
  if (provider !== 'postgresql') {
    if (!values['generate-client']) {
      throw new Error(
        `The generated Prisma client is for ${provider}, not PostgreSQL. In a checkout of its own, run\n` +
          `  DATABASE_URL=${values.postgres} node_modules/.bin/prisma generate\n` +
          'or pass --generate-client (it generates the default client again at the end).'
      )
    }
    generatePrismaClient(values.postgres)
  }
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'mms-multi-'))
  const logDir = values['log-dir'] ?? path.join(scratch, 'logs')
  mkdirSync(logDir, { recursive: true })
  const running: NodeProcess[] = []
  let dropDatabase: (() => Promise<void>) | undefined
  try {
    if (!values['no-build']) {
      runQuietly('corepack', ['yarn', 'rw', 'build', 'api', '--no-prisma'])
    }
    const database = await createMigratedDatabase(
      values.postgres,
      `mms_bench_${process.pid}`
    )
    dropDatabase = database.drop

    const sandbox: Sandbox = await startSandbox({
      dir: scratch,
      identity: IDENTITY,
      messagesPerSecond: RATE,
      log: path.join(logDir, 'sandbox.log'),
    })
    running.push(sandbox.process)
    const reported = await reportedMmsRate(sandbox.pinpointUrl, IDENTITY)
    if (reported !== RATE) {
      throw new Error(
        `The sandbox reports MMS ${reported}/s for ${IDENTITY}, not ${RATE}/s`
      )
    }
    const sandboxGet = async <T>(route: string) =>
      (await (await fetch(`${sandbox.pinpointUrl}${route}`)).json()) as T

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      ...sandbox.appEnv,
      MMS_IN_PROCESS_WORKER: 'false',
      SIGNUP_POLICY: 'open',
      MMS_USER_RATE_PER_MINUTE: '1000000',
      MMS_USER_DAILY_QUOTA: '1000000',
      MMS_API_KEY_RATE_PER_MINUTE: '1000000',
      MMS_API_KEY_DAILY_QUOTA: '1000000',
      MMS_SEND_WAIT_MS: '0',
      ...extraEnv,
    }
    const ports = await Promise.all(Array.from({ length: APIS }, freePort))
    const apiUrls = ports.map((port) => `http://127.0.0.1:${port}`)
    const apis = ports.map((port, i) =>
      new NodeProcess(
        `api ${i + 1}`,
        [
          'api/dist/server.js',
          '--apiPort',
          String(port),
          '--apiHost',
          '127.0.0.1',
        ],
        env,
        path.join(logDir, `api-${i + 1}.log`)
      ).start()
    )
    running.push(...apis)
    await Promise.all(
      apis.map((api, i) => waitUntilAnswering(`${apiUrls[i]}/health`, api))
    )
    const workers = Array.from({ length: WORKERS }, (_, i) =>
      new NodeProcess(
        `worker ${i + 1}`,
        ['api/dist/worker.js'],
        env,
        path.join(logDir, `worker-${i + 1}.log`)
      ).start()
    )
    running.push(...workers)

    const { apiKey } = await signUpWithApiKey(
      apiUrls[0],
      'multi@example.org',
      'bench-password-1'
    )
    const graphql = async <T>(
      apiUrl: string,
      query: string,
      variables: Record<string, unknown>
    ) => {
      const response = await fetch(`${apiUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${apiKey}`,
        },
        body: JSON.stringify({ query, variables }),
      })
      return (await response.json()) as GraphQLAnswer<T>
    }

    // Mid-burst, one api and one worker die at once, and come back.
    const killedApi = APIS - 1
    const chaos: string[] = []
    let killedAt = 0
    let restartedAt = 0
    const killAndRestart = async () => {
      killedAt = Date.now()
      const [api, worker] = await Promise.all([
        apis[killedApi].kill(),
        workers[0].kill(),
      ])
      chaos.push(
        `Killed with SIGKILL after ${KILL_AT} answered calls: ${apis[killedApi].name} (pid ${api.pid}: ${api.command}) and ${workers[0].name} (pid ${worker.pid}: ${worker.command})`
      )
      await pause(DOWN_MS)
      workers[0].start()
      apis[killedApi].start()
      await waitUntilAnswering(`${apiUrls[killedApi]}/health`, apis[killedApi])
      restartedAt = Date.now()
      chaos.push(
        `Started again after ${(DOWN_MS / 1000).toFixed(0)} s (pids ${apis[killedApi].pid}, ${workers[0].pid}); the api answered /health ${((restartedAt - killedAt) / 1000).toFixed(1)} s after the kill`
      )
    }

    // The burst: every caller sends as fast as its answers come back, each
    // message to the api its number picks, then to the other on a failure.
    const runId = `${process.pid}-${Date.now().toString(36)}`
    const failures: FailedRequest[] = []
    const answers: string[] = []
    const recorded = new Map<string, number>()
    const latencies: number[] = []
    let retriedCalls = 0
    let recordedByFailedRequest = 0
    let chaosRun: Promise<void> | undefined
    let next = 0
    const loadBefore = loadAverage()
    const burstStarted = Date.now()
    const sendOne = async (n: number) => {
      const variables = {
        destinationPhoneNumber: DESTINATION,
        messageBody: `multi-instance ${n}`,
        idempotencyKey: `multi-${runId}-${n}`,
      }
      const started = performance.now()
      let api = n % APIS
      for (let tries = 1; ; tries++) {
        const sentAt = Date.now()
        try {
          const body = await graphql<{
            sendMms: { id: string; status: string; createdAt: string }
          }>(apiUrls[api], SEND_MUTATION, variables)
          const message = body.data?.sendMms
          if (message) {
            recorded.set(message.id, n)
            answers.push(message.status)
            if (tries > 1 && Date.parse(message.createdAt) < sentAt) {
              recordedByFailedRequest++
            }
          } else {
            const error = body.errors?.[0]
            answers.push(`error ${error?.extensions?.code ?? error?.message}`)
          }
          break
        } catch (error) {
          failures.push({
            api,
            sentAt,
            failedAt: Date.now(),
            cause: causeOf(error),
          })
          if (tries === 1) retriedCalls++
          if (tries === MAX_TRIES) {
            answers.push(`no answer after ${MAX_TRIES} tries`)
            break
          }
          api = (api + 1) % APIS
          await pause(50 * tries)
        }
      }
      latencies.push(performance.now() - started)
      if (!chaosRun && answers.length >= KILL_AT) {
        chaosRun = killAndRestart()
      }
    }
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (next < MESSAGES) {
          await sendOne(next++)
        }
      })
    )
    const burstMs = Date.now() - burstStarted
    await chaosRun

    // Drained: nothing QUEUED or SENDING, and the sandbox has answered
    // every request. A send the killed worker had started stays SENDING
    // until its lease runs out and a live worker ends it UNKNOWN.
    const listMessages: ListMessages<Message> = async (variables) => {
      const { data, errors } = await graphql<{
        mmsMessages: MessagePage<Message>
      }>(apiUrls[0], LIST_QUERY, variables)
      if (!data) throw new Error(JSON.stringify(errors))
      return data.mmsMessages
    }
    const drained = await waitUntilDrained(
      listMessages,
      () => sandboxGet<SandboxStats>('/_sandbox/stats'),
      Date.now() + ((MESSAGES / RATE) * 3 + 180) * 1000
    )
    if (!drained) {
      console.error('The queue did not drain in time; figures so far:')
    }
    const drainedMs = Date.now() - burstStarted
    const loadAfter = loadAverage()
    const exited = [...apis, ...workers].filter((p) => !p.running)

    const messages = await readAllMessages(listMessages)
    const stats = await sandboxGet<SandboxStats>('/_sandbox/stats')
    const { messages: inbox } = await sandboxGet<{ messages: InboxMessage[] }>(
      '/_sandbox/inbox.json'
    )

    const all = [...messages.values()]
    const { acceptedFor, sentTwice, lost, wrongMessageId } = deliveryFigures(
      [...messages.keys()],
      messages,
      inbox
    )
    const keys = new Set(all.map((m) => m.idempotencyKey))
    const unanswered = all.filter((m) => !recorded.has(m.id))
    const unknown = all.filter((m) => m.status === 'UNKNOWN')
    const unknownHistories = await Promise.all(
      unknown.slice(0, 20).map(async (m) => {
        const body = await graphql<{
          mmsMessage: { attempts: Array<{ outcome: string }> }
        }>(apiUrls[0], MESSAGE_QUERY, { id: m.id })
        return { message: m, history: body.data?.mmsMessage ?? body.errors }
      })
    )
    // A send whose worker died between marking it started and recording the
    // answer keeps its attempt as NO_RESPONSE.
    const cutOffSends = unknownHistories.filter(
      ({ history }) =>
        !Array.isArray(history) &&
        history?.attempts.at(-1)?.outcome === 'NO_RESPONSE'
    ).length
    const unknownAccepted = unknown.filter((m) => acceptedFor.has(m.id)).length

    const acceptedAt = inbox
      .map((m) => Date.parse(m.receivedAt))
      .sort((a, b) => a - b)
    const spanMs = acceptedAt[acceptedAt.length - 1] - acceptedAt[0]
    const achieved = ratePerSecond(acceptedAt)
    const whileDown = acceptedAt.filter(
      (at) => at >= killedAt && at < restartedAt
    )
    const burstEndedAt = burstStarted + burstMs
    const held = heldBack(
      inbox.flatMap((m) => {
        const id = m.context.mmsMessageId
        const n = recorded.get(id)
        return n === undefined ? [] : [{ at: Date.parse(m.receivedAt), n, id }]
      }),
      HELD_BACK_MS,
      CALLERS
    )
    // Why: a message sent at its first attempt waited for a lease; one
    // tried before went back to the queue after the identity's later slots.
    const heldHistories = await Promise.all(
      held.map(async ({ id }) => {
        const body = await graphql<{
          mmsMessage: { attempts: Array<{ outcome: string }> }
        }>(apiUrls[0], MESSAGE_QUERY, { id })
        return (
          body.data?.mmsMessage.attempts.map((a) => a.outcome).join(',') ??
          JSON.stringify(body.errors)
        )
      })
    )
    const afterBurst = acceptedAt.filter((at) => at >= burstEndedAt)
    const shareOfL = (sortedMs: number[]) =>
      sortedMs.length > 1
        ? `${(ratePerSecond(sortedMs) / RATE).toFixed(3)} × L (${sortedMs.length} accepted)`
        : `${sortedMs.length} accepted`
    const secondsIn = (at: number) => ((at - acceptedAt[0]) / 1000).toFixed(0)
    const perTenSeconds: number[] = []
    for (const at of acceptedAt) {
      const slot = Math.floor((at - acceptedAt[0]) / 10_000)
      perTenSeconds[slot] = (perTenSeconds[slot] ?? 0) + 1
    }
    const gaps = acceptedAt
      .slice(1)
      .map((at, i) => at - acceptedAt[i])
      .sort((a, b) => a - b)
    latencies.sort((a, b) => a - b)
    const ms = (p: number) => percentile(latencies, p).toFixed(0)
    const failedByApi = count(failures, (f) => `api ${f.api + 1}: ${f.cause}`)
    const cutOff = failures.filter((f) => f.sentAt < killedAt).length
    const cpus = os.cpus()

    console.info(
      [
        '',
        `Multi-instance burst: ${MESSAGES} sendMms calls from ${CALLERS} concurrent callers with an API key, over ${APIS} api processes (MMS_IN_PROCESS_WORKER=false) and ${WORKERS} worker processes on one PostgreSQL database; one origination identity limited to L = ${RATE} MMS/s, learned through DescribePhoneNumbers`,
        `Machine: ${cpus.length} CPUs (${cpus[0]?.model.trim()}), Node ${process.version}, ${os.platform()} ${os.release()}; load average ${loadBefore} before the burst, ${loadAfter} after the drain`,
        `Settings: ${[`MMS_SEND_WAIT_MS=${env.MMS_SEND_WAIT_MS}`, ...values.env.filter((pair) => !pair.startsWith('MMS_SEND_WAIT_MS='))].join(' ')}`,
        ...chaos,
        ...(exited.length
          ? [`Exited on their own: ${exited.map((p) => p.name).join(', ')}`]
          : []),
        '',
        `Send rate over the sandbox's accepted timestamps: ${achieved.toFixed(2)}/s = ${(achieved / RATE).toFixed(3)} × L; ${acceptedAt.length} accepted in ${(spanMs / 1000).toFixed(1)} s; busiest second ${busiestSecond(acceptedAt)}`,
        `  while the killed api and worker were down: ${shareOfL(whileDown)}; after the last caller had its answer: ${shareOfL(afterBurst)}`,
        `  accepted per 10 s: ${Array.from(perTenSeconds, (n) => n ?? 0).join(' ')} (kill at ${secondsIn(killedAt)} s, api back at ${secondsIn(restartedAt)} s, last caller answered at ${secondsIn(burstEndedAt)} s)`,
        `  gaps between accepted sends: min ${gaps[0]} ms, p50 ${percentile(gaps, 50)} ms, p95 ${percentile(gaps, 95)} ms, max ${gaps[gaps.length - 1]} ms (1/L = ${(1000 / RATE).toFixed(1)} ms)`,
        `Held back (accepted over ${HELD_BACK_MS / 1000} s after a message called more than ${CALLERS} places later): ${held.length}; their attempts: ${JSON.stringify(count(heldHistories, (h) => h))}`,
        `Throttled answers (sandbox): ${stats.throttled}; send requests ${stats.requests - stats.describeCalls}, DescribePhoneNumbers ${stats.describeCalls}`,
        `Messages lost (recorded, neither accepted by the sandbox nor in a final state): ${lost.length}`,
        `Messages sent twice (one mmsMessageId accepted more than once): ${sentTwice.length}`,
        `Messages recorded: ${all.length} for ${keys.size} idempotency keys (${MESSAGES} calls); recorded but never answered to a caller: ${unanswered.length}`,
        `SENT with a MessageId other than the sandbox's: ${wrongMessageId.length}`,
        `Final statuses: ${JSON.stringify(count(all, (m) => m.status))}`,
        ...(unknown.length
          ? [
              `UNKNOWN: ${unknown.length}; ${cutOffSends} of the first ${unknownHistories.length} end on a NO_RESPONSE attempt: a send started (SENDING) when its worker was killed, ended UNKNOWN by a live worker once its lease ran out and never sent again; ${unknownAccepted} of all ${unknown.length} had reached the sandbox`,
              ...unknownHistories.map(
                ({ message, history }) =>
                  `  ${message.id} (accepted by the sandbox ${acceptedFor.get(message.id)?.length ?? 0}×): ${JSON.stringify(history)}`
              ),
            ]
          : []),
        '',
        `Callers: ${answers.length} answered in ${(burstMs / 1000).toFixed(1)} s; answers ${JSON.stringify(count(answers, (a) => a))}`,
        `  failed requests (no answer): ${failures.length}, ${cutOff} of them in flight at the kill; ${JSON.stringify(failedByApi)}`,
        `  calls retried with the same idempotencyKey: ${retriedCalls}; the failed request had already recorded the message (the retry returned it): ${recordedByFailedRequest}`,
        `sendMms latency (with retries): p50 ${ms(50)} ms, p95 ${ms(95)} ms, max ${latencies[latencies.length - 1]?.toFixed(0)} ms`,
        `Queue drained ${(drainedMs / 1000).toFixed(1)} s after the burst began (${(MESSAGES / RATE).toFixed(0)} s at exactly L)`,
        ...(values['log-dir'] ? [`Process logs: ${logDir}`] : []),
      ].join('\n')
    )
  } finally {
    await Promise.all(running.map((p) => p.stop()))
    await dropDatabase?.()
    rmSync(scratch, { recursive: true, force: true })
    if (provider !== 'postgresql') {
      generatePrismaClient()
    }
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
