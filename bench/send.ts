/**
 * What does a send through the app cost next to the bare seed-style
 * endpoint? Starts the production build against the local sandbox and, in
 * the same run against the same sandbox, bench/bare-endpoint.ts (one
 * SendMediaMessage call per POST, like the seed guides' Express handler).
 * Both are driven by the same number of concurrent callers for the same
 * time with the guide's request: destination, body and the sample media
 * (s3://mms-media-local/samples/sample.png). sendMms is the GraphQL mutation
 * with an API key, waiting for the send as the guide's callers do. The
 * sandbox reports the identity's rate as 100,000 MMS/s (SANDBOX_MPS in
 * support.ts), so nothing is paced. Prints requests per
 * second, p50 and p99 of both, and the ratios.
 *
 *   node_modules/.bin/tsx bench/send.ts [--seconds 10] [--concurrency 32] [--no-build]
 *     [--api-log file]   (append the api's log there)
 */
import path from 'node:path'
import { parseArgs } from 'node:util'

import {
  addToSummary,
  freePort,
  httpClient,
  machine,
  percentile,
  root,
  runFor,
  signUpWithApiKey,
  startApp,
} from './support'

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '32' },
    'no-build': { type: 'boolean', default: false },
    'api-log': { type: 'string' },
  },
})
const RUN_MS = Number(values.seconds) * 1000
const CONCURRENCY = Number(values.concurrency)
const WARM_UP_MS = 2_000
const DESTINATION = '+14254147755'
const SAMPLE_MEDIA = 's3://mms-media-local/samples/sample.png'

const SEND_MUTATION = `mutation SendBench_SendMms($destinationPhoneNumber: String!, $mediaUrls: [String!], $messageBody: String) {
  sendMms(destinationPhoneNumber: $destinationPhoneNumber, mediaUrls: $mediaUrls, messageBody: $messageBody) { id messageId status }
}`

const main = async () => {
  const app = await startApp({
    build: !values['no-build'],
    apiLog: values['api-log'],
    env: {
      SIGNUP_POLICY: 'open',
      MMS_USER_RATE_PER_MINUTE: '1000000',
      MMS_USER_DAILY_QUOTA: '1000000',
      MMS_API_KEY_RATE_PER_MINUTE: '1000000',
      MMS_API_KEY_DAILY_QUOTA: '1000000',
    },
  })
  try {
    const { apiKey } = await signUpWithApiKey(
      app.apiUrl,
      'send-bench@example.org',
      'bench-password-1'
    )
    const barePort = await freePort()
    await app.startBeside({
      name: 'The bare endpoint',
      command: path.join(root, 'node_modules/.bin/tsx'),
      args: ['bench/bare-endpoint.ts'],
      port: barePort,
      env: { BARE_PORT: String(barePort) },
    })
    const api = httpClient(app.apiUrl, CONCURRENCY)
    const bare = httpClient(`http://127.0.0.1:${barePort}`, CONCURRENCY)

    let n = 0
    const viaSendMms = async () => {
      const { status, body } = await api.post(
        '/graphql',
        {
          query: SEND_MUTATION,
          variables: {
            destinationPhoneNumber: DESTINATION,
            mediaUrls: [SAMPLE_MEDIA],
            messageBody: `send bench ${n++}`,
          },
        },
        { authorization: `Bearer ${apiKey}` }
      )
      const parsed = JSON.parse(body) as {
        data?: { sendMms?: { status: string } }
        errors?: Array<{ message: string; extensions?: { code?: string } }>
      }
      return (
        parsed.data?.sendMms?.status ??
        parsed.errors?.[0]?.extensions?.code ??
        parsed.errors?.[0]?.message ??
        `HTTP ${status}`
      )
    }
    const viaBareEndpoint = async () => {
      const { status, body } = await bare.post('/send', {
        destinationPhoneNumber: DESTINATION,
        mediaUrls: [SAMPLE_MEDIA],
        messageBody: `bare bench ${n++}`,
      })
      const parsed = JSON.parse(body) as { messageId?: string; error?: string }
      return parsed.messageId ? 'SENT' : `HTTP ${status} ${parsed.error}`
    }

    await runFor(WARM_UP_MS, CONCURRENCY, viaBareEndpoint)
    await runFor(WARM_UP_MS, CONCURRENCY, viaSendMms)
    const bareMachine = machine()
    const bareRun = await runFor(RUN_MS, CONCURRENCY, viaBareEndpoint)
    const appMachine = machine()
    const appRun = await runFor(RUN_MS, CONCURRENCY, viaSendMms)
    api.close()
    bare.close()

    type Run = typeof appRun
    const p = (run: Run, at: number) => percentile(run.latencies, at)
    const line = (name: string, run: Run) =>
      `  ${name}: ${run.perSecond.toFixed(1)} req/s, p50 ${p(run, 50).toFixed(1)} ms, p99 ${p(run, 99).toFixed(1)} ms; answers ${JSON.stringify(Object.fromEntries(run.outcomes))}`
    const rateRatio = appRun.perSecond / bareRun.perSecond
    const p99Ratio = p(appRun, 99) / p(bareRun, 99)
    const summary = [
      `send: sendMms ${appRun.perSecond.toFixed(1)} req/s vs bare ${bareRun.perSecond.toFixed(1)} req/s = ${rateRatio.toFixed(3)}× (goal ≥ 0.25); p99 ${p(appRun, 99).toFixed(1)} vs ${p(bareRun, 99).toFixed(1)} ms = ${p99Ratio.toFixed(1)}× (goal ≤ 10×)`,
    ]
    console.info(
      [
        '',
        `Send: ${CONCURRENCY} concurrent callers for ${RUN_MS / 1000} s each, the guide's request with the sample media (${SAMPLE_MEDIA})`,
        `Bare endpoint: ${bareMachine}`,
        `sendMms:       ${appMachine}`,
        line('bare endpoint (one SendMediaMessage per POST)', bareRun),
        line('sendMms (GraphQL, API key, waits for the send)', appRun),
        `Requests/s, sendMms ÷ bare: ${rateRatio.toFixed(3)} (goal ≥ 0.25)`,
        `p50, sendMms ÷ bare: ${(p(appRun, 50) / p(bareRun, 50)).toFixed(1)}×; p99, sendMms ÷ bare: ${p99Ratio.toFixed(1)}× (goal ≤ 10×)`,
      ].join('\n')
    )
    addToSummary(summary)
  } finally {
    await app.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
