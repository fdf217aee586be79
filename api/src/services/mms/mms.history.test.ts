import { PrismaClient } from '@prisma/client'
import type { MmsStatus } from 'types/graphql'

import { db } from 'src/lib/db'
import { createDriverAdapter, databaseProvider } from 'src/lib/dbAdapter'

import { mmsMessages } from './mms'
import type { StandardScenario } from './mms.history.scenarios'

const signInAs = (scenario: StandardScenario) =>
  mockCurrentUser({
    id: scenario.user.alice.id,
    email: scenario.user.alice.email,
    role: 'MEMBER',
    roles: ['MEMBER'],
  })

/** Every page of the history, `first` at a time: the ids of each page. */
const allPages = async (first: number, status?: MmsStatus) => {
  const pages: string[][] = []
  let after: string | null = null
  for (;;) {
    const page = await mmsMessages({ first, after, status })
    pages.push(page.nodes.map((node) => node.id))
    if (!page.pageInfo.hasNextPage) {
      return pages
    }
    after = page.pageInfo.endCursor
  }
}

describe('history pages', () => {
  scenario(
    'pages through messages that share a timestamp, each once and in order, wherever a page ends',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      expect(await allPages(2)).toEqual([
        ['later', 'burst-e'],
        ['burst-d', 'burst-c'],
        ['burst-b', 'burst-a'],
        ['earlier'],
      ])
      expect(await allPages(3)).toEqual([
        ['later', 'burst-e', 'burst-d'],
        ['burst-c', 'burst-b', 'burst-a'],
        ['earlier'],
      ])
    }
  )

  scenario(
    'keeps to the status asked for across the ties',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      expect(await allPages(1, 'FAILED')).toEqual([
        ['burst-d'],
        ['burst-b'],
        ['earlier'],
      ])
    }
  )
})

/**
 * The page query as the service builds it, planned by the database with its
 * parameters bound (as the app runs it), not with literals written into it.
 */
describe('a page after a cursor is read from the index at the cursor', () => {
  const provider = databaseProvider(process.env.DATABASE_URL ?? '')
  let sql: { query: string; params: unknown[] }[]
  let logged: PrismaClient

  beforeAll(() => {
    logged = new PrismaClient({
      adapter: createDriverAdapter(),
      log: [{ emit: 'event', level: 'query' }],
    })
    logged.$on('query', (event) => {
      sql.push({ query: event.query, params: JSON.parse(event.params) })
    })
  })

  afterAll(() => logged.$disconnect())

  /** The plan of the service's page query after `after`, one line per step. */
  const planOfPageAfter = async (after: string, status?: MmsStatus) => {
    const findMany = jest.spyOn(db.mmsMessage, 'findMany')
    try {
      await mmsMessages({ first: 2, after, status })
      sql = []
      await logged.mmsMessage.findMany(findMany.mock.calls[0][0])
    } finally {
      findMany.mockRestore()
    }
    const [{ query, params }] = sql
    if (provider === 'sqlite') {
      const plan = await logged.$queryRawUnsafe<{ detail: string }[]>(
        `EXPLAIN QUERY PLAN ${query}`,
        ...params
      )
      return plan.map((step) => step.detail)
    }
    // A handful of rows is read, and sorted, faster without the index: ask
    // the planner for the path it would take on a long history.
    return logged.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off')
      await tx.$executeRawUnsafe('SET LOCAL enable_sort = off')
      const plan = await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN ${query}`,
        ...params
      )
      return plan.map((step) => step['QUERY PLAN'])
    })
  }

  scenario(
    'all messages: a range on (userId, createdAt, id) up to the cursor',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const plan = await planOfPageAfter('burst-c')
      if (provider === 'sqlite') {
        expect(plan).toContainEqual(
          expect.stringMatching(
            /USING (COVERING )?INDEX MmsMessage_userId_createdAt_id_idx \(userId=\? AND createdAt<\?\)/
          )
        )
        expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/)
      } else {
        expect(plan).toContainEqual(
          expect.stringMatching(
            /Index Cond: \(\("userId" = \d+\) AND \("createdAt" <= /
          )
        )
      }
    }
  )

  scenario(
    'one status: a range on (userId, status, createdAt, id) up to the cursor',
    async (scenario: StandardScenario) => {
      signInAs(scenario)
      const plan = await planOfPageAfter('burst-d', 'FAILED')
      if (provider === 'sqlite') {
        expect(plan).toContainEqual(
          expect.stringMatching(
            /USING (COVERING )?INDEX MmsMessage_userId_status_createdAt_id_idx \(userId=\? AND status=\? AND createdAt<\?\)/
          )
        )
        expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/)
      } else {
        expect(plan).toContainEqual(
          expect.stringMatching(
            /Index Cond: \(\("userId" = \d+\) AND \(status = 'FAILED'::text\) AND \("createdAt" <= /
          )
        )
      }
    }
  )
})
