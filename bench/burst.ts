/**
 * Does a burst of sends leave at the origination identity's rate, with
 * nothing lost and nothing sent twice? Starts the production build against
 * the local sandbox, which allows the one origination identity L messages a
 * second, sends a burst through the GraphQL sendMms mutation with an API key
 * from many concurrent callers, waits until the queue has drained, and prints
 * the send rate the sandbox saw as a share of L, the throttled answers, lost
 * and duplicate messages, and how long callers waited.
 *
 *   node_modules/.bin/tsx bench/burst.ts [--messages 3000] [--rate 50] [--callers 64] [--no-build]
 *     [--workers N]            (N worker processes beside the api, which then runs none)
 *     [--env NAME=value ...]   (more api settings, e.g. --env MMS_WORKER_CONCURRENCY=16)
 *     [--api-log file]         (append the api's log there)
 */
import os from 'node:os'
import { parseArgs } from 'node:util'

import {
  DescribePhoneNumbersCommand,
  PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'

import {
  busiestSecond,
  deliveryFigures,
  ratePerSecond,
  readAllMessages,
  waitUntilDrained,
  type InboxMessage,
  type ListMessages,
  type MessagePage,
  type RecordedMessage as Message,
  type SandboxStats,
} from './burstFigures'
import {
  addToSummary,
  percentile,
  signUpWithApiKey,
  startApp,
  type RunningApp,
} from './support'

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '3000' },
    rate: { type: 'string', default: '50' },
    callers: { type: 'string', default: '64' },
    'no-build': { type: 'boolean', default: false },
    workers: { type: 'string', default: '0' },
    'api-log': { type: 'string' },
    env: { type: 'string', multiple: true, default: [] },
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
const WORKERS = Number(values.workers)
const IDENTITY = '+18445550100'
const DESTINATION = '+14254147755'

const SEND_MUTATION = `mutation BurstBench_SendMms($destinationPhoneNumber: String!, $messageBody: String) {
  sendMms(destinationPhoneNumber: $destinationPhoneNumber, messageBody: $messageBody) { id messageId status }
}`
const LIST_QUERY = `query BurstBench_Messages($first: Int, $after: String, $status: MmsStatus) {
  mmsMessages(first: $first, after: $after, status: $status) {
    nodes { id messageId status }
    pageInfo { hasNextPage endCursor }
  }
}`

const MESSAGE_QUERY = `query BurstBench_Message($id: String!) {
  mmsMessage(id: $id) {
    status errorCode
    attempts { number startedAt durationMs outcome httpStatus errorCode }
  }
}`

/** The MMS rate the sandbox reports for the identity through DescribePhoneNumbers, if any. */
const reportedMmsRate = async (pinpointUrl: string) => {
  const client = new PinpointSMSVoiceV2Client({
    region: 'us-east-1',
    endpoint: pinpointUrl,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
  })
  const { PhoneNumbers = [] } = await client.send(
    new DescribePhoneNumbersCommand({})
  )
  return PhoneNumbers.find((n) => n.PhoneNumber === IDENTITY)?.MessagingLimits
    ?.RateLimits?.MMS
}

const main = async () => {
  const env = {
    SIGNUP_POLICY: 'open',
    SANDBOX_MPS: `${IDENTITY}=${RATE}`,
    MMS_USER_RATE_PER_MINUTE: '1000000',
    MMS_USER_DAILY_QUOTA: '1000000',
    MMS_API_KEY_RATE_PER_MINUTE: '1000000',
    MMS_API_KEY_DAILY_QUOTA: '1000000',
    ...extraEnv,
  }
  const apiLog = values['api-log']
  let app: RunningApp = await startApp({
    build: !values['no-build'],
    env,
    apiLog,
    workers: WORKERS,
  })
  try {
    // The app reads its identity's rate from DescribePhoneNumbers when AWS
    // (here the sandbox) reports one; else it is configured.
    let rateSource: string
    const reported = await reportedMmsRate(app.pinpointUrl)
    if (reported === RATE) {
      rateSource = `DescribePhoneNumbers (the sandbox reports MMS ${reported}/s; MMS_ORIGINATION_RATES not set)`
    } else if (reported === undefined) {
      await app.stop()
      app = await startApp({
        build: false,
        env: { ...env, MMS_ORIGINATION_RATES: `${IDENTITY}=${RATE}` },
        apiLog,
        workers: WORKERS,
      })
      rateSource = `MMS_ORIGINATION_RATES=${IDENTITY}=${RATE} (DescribePhoneNumbers reports no MMS limit)`
    } else {
      throw new Error(
        `The sandbox reports MMS ${reported}/s for ${IDENTITY}, not the ${RATE}/s it was started with`
      )
    }
    const { apiUrl, pinpointUrl } = app
    const sandbox = async <T>(route: string) =>
      (await (await fetch(`${pinpointUrl}${route}`)).json()) as T

    const { apiKey } = await signUpWithApiKey(
      apiUrl,
      'burst@example.org',
      'bench-password-1'
    )
    const graphql = async <T>(
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
      return (await response.json()) as {
        data?: T
        errors?: Array<{ message: string; extensions?: { code?: string } }>
      }
    }

    const listMessages: ListMessages<Message> = async (variables) => {
      const { data, errors } = await graphql<{
        mmsMessages: MessagePage<Message>
      }>(LIST_QUERY, variables)
      if (!data) throw new Error(JSON.stringify(errors))
      return data.mmsMessages
    }

    // The burst: every caller sends as fast as its answers come back.
    const loadBefore = os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')
    const latencies: number[] = []
    const answers = new Map<string, number>()
    const recorded: string[] = []
    let next = 0
    const burstStarted = performance.now()
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (next < MESSAGES) {
          const n = next++
          const started = performance.now()
          let answer: string
          try {
            const body = await graphql<{ sendMms: Message }>(SEND_MUTATION, {
              destinationPhoneNumber: DESTINATION,
              messageBody: `burst ${n}`,
            })
            if (body.data?.sendMms) {
              recorded.push(body.data.sendMms.id)
              answer = body.data.sendMms.status
            } else {
              answer = `error ${body.errors?.[0]?.extensions?.code ?? body.errors?.[0]?.message}`
            }
          } catch (error) {
            answer = `error ${(error as Error).message}`
          }
          latencies.push(performance.now() - started)
          answers.set(answer, (answers.get(answer) ?? 0) + 1)
        }
      })
    )
    const burstMs = performance.now() - burstStarted
    const burstEndedAt = Date.now()

    const drained = await waitUntilDrained(
      listMessages,
      () => sandbox<SandboxStats>('/_sandbox/stats'),
      Date.now() + ((MESSAGES / RATE) * 3 + 120) * 1000
    )
    if (!drained) {
      console.error('The queue did not drain in time; figures so far:')
    }
    const drainedMs = performance.now() - burstStarted

    const messages = await readAllMessages(listMessages)
    const stats = await sandbox<SandboxStats>('/_sandbox/stats')
    const { messages: inbox } = await sandbox<{ messages: InboxMessage[] }>(
      '/_sandbox/inbox.json'
    )
    const { acceptedFor, sentTwice, lost, wrongMessageId, byStatus } =
      deliveryFigures(recorded, messages, inbox)

    // What became of the messages that were not simply sent.
    const unsent = recorded.filter((id) => messages.get(id)?.status !== 'SENT')
    const unsentStories = await Promise.all(
      unsent.slice(0, 5).map(async (id) => {
        const body = await graphql<{ mmsMessage: unknown }>(MESSAGE_QUERY, {
          id,
        })
        return `  ${id} (accepted by the sandbox ${acceptedFor.get(id)?.length ?? 0}×): ${JSON.stringify(body.data?.mmsMessage ?? body.errors)}`
      })
    )
    const acceptedAt = inbox
      .map((m) => Date.parse(m.receivedAt))
      .sort((a, b) => a - b)
    const spanMs = acceptedAt[acceptedAt.length - 1] - acceptedAt[0]
    const achieved = ratePerSecond(acceptedAt)
    // Once every caller has its answer, the worker has the machine to itself.
    const afterBurst = acceptedAt.filter((at) => at >= burstEndedAt)
    const gaps = acceptedAt
      .slice(1)
      .map((at, i) => at - acceptedAt[i])
      .sort((a, b) => a - b)
    latencies.sort((a, b) => a - b)
    const ms = (p: number) => percentile(latencies, p).toFixed(0)
    const cpus = os.cpus()

    console.info(
      [
        '',
        `Burst: ${MESSAGES} sendMms calls from ${CALLERS} concurrent callers with an API key, one origination identity limited to L = ${RATE} MMS/s`,
        WORKERS > 0
          ? `Workers: ${WORKERS} process${WORKERS > 1 ? 'es' : ''} of their own (api/dist/worker.js); the api runs none`
          : 'Workers: one inside the api process (the default)',
        `Machine: ${cpus.length} CPUs (${cpus[0]?.model.trim()}), Node ${process.version}, ${os.platform()} ${os.release()}; load average ${loadBefore} before the burst`,
        `Rate learned through: ${rateSource}`,
        ...(values.env.length ? [`Settings: ${values.env.join(' ')}`] : []),
        '',
        `Send rate over the sandbox's accepted timestamps: ${achieved.toFixed(2)}/s = ${(achieved / RATE).toFixed(3)} × L (goal ≥ 0.95); ${acceptedAt.length} accepted in ${(spanMs / 1000).toFixed(1)} s; busiest second ${busiestSecond(acceptedAt)}`,
        `  gaps between accepted sends: min ${gaps[0]} ms, p50 ${percentile(gaps, 50)} ms, p95 ${percentile(gaps, 95)} ms (1/L = ${(1000 / RATE).toFixed(1)} ms)`,
        afterBurst.length > 1
          ? `  after the last caller had its answer: ${afterBurst.length} accepted at ${(ratePerSecond(afterBurst) / RATE).toFixed(3)} × L`
          : '  all accepted before the last caller had its answer',
        `Throttled answers (sandbox): ${stats.throttled}; send requests ${stats.requests - stats.describeCalls}, DescribePhoneNumbers ${stats.describeCalls}`,
        `Messages lost (recorded, neither accepted nor final): ${lost.length}`,
        `Messages sent twice (one mmsMessageId accepted more than once): ${sentTwice.length}`,
        `SENT with a MessageId other than the sandbox's: ${wrongMessageId.length}`,
        `Final statuses: ${JSON.stringify(Object.fromEntries(byStatus))}`,
        ...unsentStories,
        '',
        `Callers: ${recorded.length} recorded in ${(burstMs / 1000).toFixed(1)} s (${((recorded.length / burstMs) * 1000).toFixed(1)} calls/s); answers ${JSON.stringify(Object.fromEntries(answers))}`,
        `sendMms latency: p50 ${ms(50)} ms, p95 ${ms(95)} ms, max ${latencies[latencies.length - 1]?.toFixed(0)} ms`,
        `Queue drained ${(drainedMs / 1000).toFixed(1)} s after the burst began (${(MESSAGES / RATE).toFixed(0)} s at exactly L)`,
      ].join('\n')
    )
    addToSummary([
      `burst: ${MESSAGES} sends at L = ${RATE}/s, ${WORKERS > 0 ? `${WORKERS} worker process${WORKERS > 1 ? 'es' : ''}` : 'worker in the api'}: ${(achieved / RATE).toFixed(3)} × L (goal ≥ 0.95); throttled ${stats.throttled}, lost ${lost.length}, sent twice ${sentTwice.length}; sendMms p50 ${ms(50)} ms, p95 ${ms(95)} ms`,
    ])
  } finally {
    await app.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
