/**
 * Does the api hold on to memory or files as it sends? Starts the production
 * build (its send worker in the api process), reads the api process's
 * resident memory and open file descriptors from /proc at start, sends
 * 5,000 messages through sendMms with an API key from 32 concurrent callers
 * (the guide's request with the sample media), waits until the queue is
 * empty, and reads them again (halfway too: memory that levels off is
 * garbage not yet collected, memory that keeps growing is a leak).
 *
 *   node_modules/.bin/tsx bench/memory.ts [--sends 5000] [--concurrency 32] [--no-build]
 *     [--node-options=--max-semi-space-size=16]   (NODE_OPTIONS for the api, after
 *       the production ones of package.json's config.productionNodeOptions)
 */
import { parseArgs } from 'node:util'

import {
  addToSummary,
  httpClient,
  machine,
  processFootprint,
  signUpWithApiKey,
  startApp,
} from './support'

const { values } = parseArgs({
  options: {
    sends: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '32' },
    'no-build': { type: 'boolean', default: false },
    'node-options': { type: 'string' },
  },
})
const NODE_OPTIONS = values['node-options']
const SENDS = Number(values.sends)
const CONCURRENCY = Number(values.concurrency)

const SEND_MUTATION = `mutation MemoryBench_SendMms($destinationPhoneNumber: String!, $mediaUrls: [String!], $messageBody: String) {
  sendMms(destinationPhoneNumber: $destinationPhoneNumber, mediaUrls: $mediaUrls, messageBody: $messageBody) { id status }
}`
const WAITING_QUERY = `query MemoryBench_Waiting($status: MmsStatus) {
  mmsMessages(first: 1, status: $status) { nodes { id } }
}`

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const main = async () => {
  const app = await startApp({
    build: !values['no-build'],
    env: {
      SIGNUP_POLICY: 'open',
      MMS_USER_RATE_PER_MINUTE: '1000000',
      MMS_USER_DAILY_QUOTA: '1000000',
      MMS_API_KEY_RATE_PER_MINUTE: '1000000',
      MMS_API_KEY_DAILY_QUOTA: '1000000',
      ...(NODE_OPTIONS ? { NODE_OPTIONS } : {}),
    },
  })
  try {
    const { apiKey } = await signUpWithApiKey(
      app.apiUrl,
      'memory-bench@example.org',
      'bench-password-1'
    )
    const client = httpClient(app.apiUrl, CONCURRENCY)
    const graphql = async (query: string, variables: object) => {
      const { body } = await client.post(
        '/graphql',
        { query, variables },
        { authorization: `Bearer ${apiKey}` }
      )
      return JSON.parse(body) as {
        data?: Record<string, { status?: string; nodes?: unknown[] }>
        errors?: Array<{ message: string; extensions?: { code?: string } }>
      }
    }
    await pause(1000)
    const atStart = processFootprint(app.apiPid)
    const load = machine()

    const answers = new Map<string, number>()
    let next = 0
    let halfway: typeof atStart | undefined
    const started = performance.now()
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < SENDS) {
          if (next === SENDS / 2) {
            halfway = processFootprint(app.apiPid)
          }
          const n = next++
          const body = await graphql(SEND_MUTATION, {
            destinationPhoneNumber: '+14254147755',
            mediaUrls: ['s3://mms-media-local/samples/sample.png'],
            messageBody: `memory bench ${n}`,
          })
          const answer =
            body.data?.sendMms?.status ??
            body.errors?.[0]?.extensions?.code ??
            body.errors?.[0]?.message ??
            'no answer'
          answers.set(answer, (answers.get(answer) ?? 0) + 1)
        }
      })
    )
    const sendS = (performance.now() - started) / 1000
    for (let waited = 0; waited < 120; waited++) {
      const waiting = await Promise.all(
        ['QUEUED', 'SENDING'].map(
          async (status) =>
            (await graphql(WAITING_QUERY, { status })).data?.mmsMessages?.nodes
              ?.length ?? 0
        )
      )
      if (waiting.every((count) => count === 0)) break
      await pause(1000)
    }
    const afterSends = processFootprint(app.apiPid)
    client.close()

    const line = (name: string, f: typeof atStart) =>
      `  ${name}: RSS ${f.rssMb.toFixed(0)} MB, ${f.descriptors} open file descriptors ${JSON.stringify(f.kinds)}`
    console.info(
      [
        '',
        `Memory: the api process (pid ${app.apiPid}, send worker inside, NODE_OPTIONS=${app.apiNodeOptions}) before and after ${SENDS} sendMms calls from ${CONCURRENCY} callers (${(SENDS / sendS).toFixed(1)} sends/s); answers ${JSON.stringify(Object.fromEntries(answers))}`,
        load,
        line('at start', atStart),
        ...(halfway ? [line(`after ${SENDS / 2} sends`, halfway)] : []),
        line(`after ${SENDS} sends`, afterSends),
        `Goal: RSS under 300 MB and a bounded handful of descriptors`,
      ].join('\n')
    )
    addToSummary([
      `memory (NODE_OPTIONS=${app.apiNodeOptions}): RSS ${atStart.rssMb.toFixed(0)} MB at start, ${halfway ? `${halfway.rssMb.toFixed(0)} MB after ${SENDS / 2}, ` : ''}${afterSends.rssMb.toFixed(0)} MB after ${SENDS} sends; descriptors ${atStart.descriptors} → ${afterSends.descriptors} (database files ${atStart.kinds.database ?? 0} → ${afterSends.kinds.database ?? 0}) (goal < 300 MB, bounded)`,
    ])
  } finally {
    await app.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
