/**
 * Does the history page stay fast however long the history and however deep
 * the page? Starts the production build, gives one user 10,000 messages and
 * then 1,000,000 (written straight into the api's SQLite file, two messages
 * per timestamp so that pages break inside ties, each with the sample
 * image), and asks for the web app's history page (MessagesCell_List, 20
 * messages with their media preview links) with an API key: the first page,
 * and the page after the message at 90 % of the list. Prints p50 and p95 of
 * each and the ratios deep ÷ first and 1M ÷ 10k.
 *
 *   node_modules/.bin/tsx bench/history.ts [--requests 200] [--rows 10000,1000000] [--no-build]
 */
import { parseArgs } from 'node:util'

import { DatabaseSync } from 'node:sqlite'

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
    requests: { type: 'string', default: '200' },
    rows: { type: 'string', default: '10000,1000000' },
    'no-build': { type: 'boolean', default: false },
  },
})
const REQUESTS = Number(values.requests)
const SIZES = values.rows.split(',').map(Number)
const PAGE_SIZE = 20
const DEPTH = 0.9
const EMAIL = 'history-bench@example.org'

// The web app's own query (web/src/components/MessagesCell).
const LIST_QUERY = `query MessagesCell_List($first: Int, $after: String, $status: MmsStatus) {
  mmsMessages(first: $first, after: $after, status: $status) {
    nodes {
      id status destinationPhoneNumber messageBody dryRun errorCode errorMessage createdAt updatedAt
      media { url contentType previewUrl }
    }
    pageInfo { endCursor hasNextPage }
  }
}`

const MEDIA = JSON.stringify([
  {
    url: 's3://mms-media-local/samples/sample.png',
    contentType: 'image/png',
    sizeBytes: 12345,
  },
])

/**
 * Adds messages `from`..`to`-1 for the user in one transaction, generated
 * inside SQLite. Timestamps are written as Prisma writes them, two messages
 * a second, later numbers later.
 */
const addMessages = (
  file: string,
  userId: number,
  from: number,
  to: number
) => {
  const sqlite = new DatabaseSync(file)
  try {
    sqlite.exec('PRAGMA busy_timeout = 10000')
    sqlite.exec('BEGIN IMMEDIATE')
    sqlite
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
        INSERT INTO "MmsMessage" ("id", "userId", "provider", "providerMessageId",
          "originationIdentity", "destinationPhoneNumber", "messageBody", "media",
          "status", "attemptCount", "requestHash", "createdAt", "updatedAt", "sentAt")
        SELECT printf('hist%08d', i), ?, 'aws', printf('provider-%08d', i),
          '+18445550100', '+14254147755', printf('History message %d', i), ?,
          'SENT', 1, 'bench',
          strftime('%Y-%m-%dT%H:%M:%f+00:00', 1767225600 + i / 2, 'unixepoch'),
          strftime('%Y-%m-%dT%H:%M:%f+00:00', 1767225600 + i / 2, 'unixepoch'),
          strftime('%Y-%m-%dT%H:%M:%f+00:00', 1767225600 + i / 2, 'unixepoch')
        FROM n`
      )
      .run(from, to, userId, MEDIA)
    sqlite.exec('COMMIT')
  } finally {
    sqlite.close()
  }
}

const main = async () => {
  const app = await startApp({
    build: !values['no-build'],
    env: { SIGNUP_POLICY: 'open' },
  })
  try {
    const { apiKey } = await signUpWithApiKey(
      app.apiUrl,
      EMAIL,
      'bench-password-1'
    )
    const sqlite = new DatabaseSync(app.databaseFile, { readOnly: true })
    const { id: userId } = sqlite
      .prepare('SELECT "id" FROM "User" WHERE "email" = ?')
      .get(EMAIL) as { id: number }
    // The id of the message at `offset` in the list's own order.
    const idAt = sqlite.prepare(
      `SELECT "id" FROM "MmsMessage" WHERE "userId" = ?
       ORDER BY "createdAt" DESC, "id" DESC LIMIT 1 OFFSET ?`
    )

    const client = httpClient(app.apiUrl, 1)
    const page = async (after: string | null) => {
      const started = performance.now()
      const { status, body } = await client.post(
        '/graphql',
        { query: LIST_QUERY, variables: { first: PAGE_SIZE, after } },
        { authorization: `Bearer ${apiKey}` }
      )
      const ms = performance.now() - started
      const parsed = JSON.parse(body) as {
        data?: {
          mmsMessages: {
            nodes: Array<{ id: string; media: Array<{ previewUrl: string }> }>
          }
        }
      }
      const nodes = parsed.data?.mmsMessages.nodes
      if (
        status !== 200 ||
        nodes?.length !== PAGE_SIZE ||
        !nodes.every((node) => node.media[0]?.previewUrl)
      ) {
        throw new Error(`Unexpected page ${status}: ${body.slice(0, 500)}`)
      }
      return { ms, nodes }
    }
    const measure = async (after: string | null) => {
      for (let i = 0; i < 20; i++) await page(after)
      const times: number[] = []
      for (let i = 0; i < REQUESTS; i++) times.push((await page(after)).ms)
      times.sort((a, b) => a - b)
      return { p50: percentile(times, 50), p95: percentile(times, 95) }
    }

    const results: Array<{
      rows: number
      first: { p50: number; p95: number }
      deep: { p50: number; p95: number }
      load: string
    }> = []
    let written = 0
    for (const rows of SIZES) {
      const startedAt = performance.now()
      addMessages(app.databaseFile, userId, written, rows)
      const insertS = (performance.now() - startedAt) / 1000
      written = rows
      const deepOffset = Math.floor(rows * DEPTH)
      const { id: cursor } = idAt.get(userId, deepOffset) as { id: string }
      // The page after the cursor starts right after it in the list.
      const deepPage = await page(cursor)
      const expectedFirst = (idAt.get(userId, deepOffset + 1) as { id: string })
        .id
      if (deepPage.nodes[0].id !== expectedFirst) {
        throw new Error(
          `The deep page starts at ${deepPage.nodes[0].id}, not ${expectedFirst}`
        )
      }
      // The links are real: local S3 serves the sample through one.
      const preview = await fetch(deepPage.nodes[0].media[0].previewUrl)
      if (
        preview.status !== 200 ||
        (await preview.arrayBuffer()).byteLength === 0
      ) {
        throw new Error(`A preview link answered ${preview.status}`)
      }
      const load = machine()
      const first = await measure(null)
      const deep = await measure(cursor)
      results.push({ rows, first, deep, load })
      console.info(
        `  ${rows.toLocaleString('en')} messages (written in ${insertS.toFixed(1)} s)`
      )
    }
    sqlite.close()
    client.close()

    const f = (ms: number) => ms.toFixed(1)
    const lines = [
      '',
      `History page: ${PAGE_SIZE} messages with preview links (MessagesCell_List, API key), ${REQUESTS} requests each, one at a time; deep = the page after the message at ${DEPTH * 100} %`,
    ]
    for (const { rows, first, deep, load } of results) {
      lines.push(
        `${rows.toLocaleString('en')} messages: first page p50 ${f(first.p50)} ms, p95 ${f(first.p95)} ms; deep page p50 ${f(deep.p50)} ms, p95 ${f(deep.p95)} ms; deep ÷ first (p50) ${(deep.p50 / first.p50).toFixed(2)}×`,
        `  ${load}`
      )
    }
    const summary: string[] = []
    if (results.length >= 2) {
      const [small, large] = [results[0], results[results.length - 1]]
      const ratio = (a: number, b: number) => (a / b).toFixed(2)
      const worstP95 = Math.max(
        ...results.flatMap((r) => [r.first.p95, r.deep.p95])
      )
      const scale = `${large.rows.toLocaleString('en')} ÷ ${small.rows.toLocaleString('en')} (p50): first page ${ratio(large.first.p50, small.first.p50)}×, deep page ${ratio(large.deep.p50, small.deep.p50)}×`
      lines.push(
        scale + ' (goal ≤ 1.5×)',
        `Deep ÷ first at ${large.rows.toLocaleString('en')} (p50): ${ratio(large.deep.p50, large.first.p50)}× (goal ≤ 1.5×); highest p95 ${f(worstP95)} ms (goal < 30 ms)`
      )
      summary.push(
        `history: at ${large.rows.toLocaleString('en')} first p50/p95 ${f(large.first.p50)}/${f(large.first.p95)} ms, deep ${f(large.deep.p50)}/${f(large.deep.p95)} ms; deep ÷ first ${ratio(large.deep.p50, large.first.p50)}×; ${scale}; highest p95 ${f(worstP95)} ms (goals ≤ 1.5×, p95 < 30 ms)`
      )
    }
    console.info(lines.join('\n'))
    addToSummary(summary)
  } finally {
    await app.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
