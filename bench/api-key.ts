/**
 * What does an API key add to a request? Starts the production build and
 * sends the same trivial GraphQL request, `{ __typename }`, with and without
 * `Authorization: Bearer <key>`, one at a time on one kept-alive connection,
 * alternating so that both see the same machine. The difference of the
 * medians is what checking the key costs per request (finding the key and
 * its account; its lastUsedAt is written at most once a minute).
 *
 *   node_modules/.bin/tsx bench/api-key.ts [--requests 3000] [--no-build]
 */
import { parseArgs } from 'node:util'

import {
  addToSummary,
  httpClient,
  machine,
  percentile,
  signUpWithApiKey,
  startApp,
} from './support'

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '3000' },
    'no-build': { type: 'boolean', default: false },
  },
})
const REQUESTS = Number(values.requests)
const WARM_UP = 500
const TYPENAME = { query: '{ __typename }' }

const main = async () => {
  const app = await startApp({
    build: !values['no-build'],
    env: { SIGNUP_POLICY: 'open' },
  })
  try {
    const { apiKey } = await signUpWithApiKey(
      app.apiUrl,
      'api-key-bench@example.org',
      'bench-password-1'
    )
    const client = httpClient(app.apiUrl, 1)
    const keyed = { authorization: `Bearer ${apiKey}` }
    const timed = async (headers?: Record<string, string>) => {
      const started = performance.now()
      const { status, body } = await client.post('/graphql', TYPENAME, headers)
      const ms = performance.now() - started
      if (status !== 200 || !body.includes('"Query"')) {
        throw new Error(`Unexpected answer ${status}: ${body}`)
      }
      return ms
    }
    // A keyed request that is refused proves the key is checked at all.
    const refused = await client.post(
      '/graphql',
      { query: '{ mmsMessages(first: 1) { nodes { id } } }' },
      { authorization: `Bearer ${apiKey.slice(0, -2)}xx` }
    )
    const allowed = await client.post(
      '/graphql',
      { query: '{ mmsMessages(first: 1) { nodes { id } } }' },
      keyed
    )
    if (
      refused.body.includes('"data":{') ||
      !allowed.body.includes('"nodes"')
    ) {
      throw new Error('The key is not being checked')
    }

    for (let i = 0; i < WARM_UP; i++) {
      await timed()
      await timed(keyed)
    }
    const before = machine()
    const without: number[] = []
    const withKey: number[] = []
    const differences: number[] = []
    for (let i = 0; i < REQUESTS; i++) {
      // Alternate which goes first, so neither always follows the other.
      let plainMs: number
      let keyedMs: number
      if (i % 2 === 0) {
        plainMs = await timed()
        keyedMs = await timed(keyed)
      } else {
        keyedMs = await timed(keyed)
        plainMs = await timed()
      }
      without.push(plainMs)
      withKey.push(keyedMs)
      differences.push(keyedMs - plainMs)
    }
    client.close()
    for (const list of [without, withKey, differences]) {
      list.sort((x, y) => x - y)
    }
    const ms = (list: number[], p: number) => percentile(list, p).toFixed(3)
    const overhead = percentile(withKey, 50) - percentile(without, 50)
    console.info(
      [
        '',
        `API key overhead: ${REQUESTS} pairs of \`{ __typename }\` over one kept-alive connection, one request at a time`,
        before,
        `  without a key: p50 ${ms(without, 50)} ms, p95 ${ms(without, 95)} ms`,
        `  with the key:  p50 ${ms(withKey, 50)} ms, p95 ${ms(withKey, 95)} ms`,
        `Overhead per request: difference of the medians ${overhead.toFixed(3)} ms (goal < 0.5 ms); median of the pairwise differences ${ms(differences, 50)} ms`,
      ].join('\n')
    )
    addToSummary([
      `api-key: overhead ${overhead.toFixed(3)} ms per request (p50 ${ms(withKey, 50)} vs ${ms(without, 50)} ms; goal < 0.5 ms)`,
    ])
  } finally {
    await app.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
