import type { AddressInfo } from 'node:net'

import { PrismaClient } from '@prisma/client'
import Fastify, { type FastifyInstance } from 'fastify'

import { readMmsConfig } from './config'
import { db } from './db'
import { createDriverAdapter, databaseProvider, databaseUrl } from './dbAdapter'
import { healthRoutes } from './healthRoutes'
import type { HealthScenario } from './healthRoutes.scenarios'
import { readinessProblems, type ReadinessOptions } from './readiness'

const AWS = { NODE_ENV: 'production' }

let server: FastifyInstance | undefined

/** The routes on a real server on a free port, as the api server file registers them. */
const serve = async (options: ReadinessOptions) => {
  server = Fastify()
  await server.register(healthRoutes, {
    readinessProblems: () => readinessProblems(options),
  })
  await server.listen({ port: 0, host: '127.0.0.1' })
  const { port } = server.server.address() as AddressInfo
  return async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`)
    return {
      status: response.status,
      cacheControl: response.headers.get('cache-control'),
      body: await response.json(),
    }
  }
}

afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('GET /health', () => {
  it('answers 200 {"status":"ok"} without touching the database', async () => {
    const readiness = jest.fn()
    server = Fastify()
    await server.register(healthRoutes, { readinessProblems: readiness })
    await server.listen({ port: 0, host: '127.0.0.1' })
    const { port } = server.server.address() as AddressInfo

    const response = await fetch(`http://127.0.0.1:${port}/health`)

    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({ status: 'ok' })
    expect(readiness).not.toHaveBeenCalled()
  })
})

describe('GET /ready', () => {
  scenario(
    'answers 200 when the database answers, the configuration is valid and there are no demo credentials',
    async () => {
      const get = await serve({ db, env: AWS })
      expect(await get('/ready')).toEqual({
        status: 200,
        cacheControl: 'no-store',
        body: { status: 'ready' },
      })
    }
  )

  scenario(
    'answers 503 naming the database when it cannot be reached',
    async () => {
      // A SQLite file in a folder that does not exist cannot be opened; on
      // PostgreSQL, nothing listens on port 9.
      const unreachableUrl =
        databaseProvider(databaseUrl()) === 'postgresql'
          ? 'postgresql://mms@127.0.0.1:9/mms'
          : 'file:/nonexistent-folder/mms/app.db'
      const unreachable = new PrismaClient({
        adapter: createDriverAdapter(unreachableUrl),
      })
      try {
        const get = await serve({ db: unreachable, env: AWS })
        expect(await get('/ready')).toEqual({
          status: 503,
          cacheControl: 'no-store',
          body: {
            status: 'not ready',
            problems: [
              'The database is not reachable (a trivial query failed or timed out); check DATABASE_URL and the database server.',
            ],
          },
        })
      } finally {
        await unreachable.$disconnect()
      }
    }
  )

  it('answers 503 when the database does not answer in time', async () => {
    const hung = {
      $queryRaw: () => new Promise(() => {}),
    } as unknown as ReadinessOptions['db']
    const get = await serve({ db: hung, env: AWS, databaseTimeoutMs: 50 })
    const { status, body } = await get('/ready')
    expect(status).toBe(503)
    expect(body.problems).toEqual([
      'The database is not reachable (a trivial query failed or timed out); check DATABASE_URL and the database server.',
    ])
  })

  scenario(
    'answers 503 with every configuration problem, naming the variables',
    async () => {
      const get = await serve({
        db,
        env: AWS,
        config: () =>
          readMmsConfig({
            AWS_REGION: 'Ireland',
            PINPOINT_ORIGINATION_NUMBER: '+18445550100',
          }),
      })
      expect(await get('/ready')).toEqual({
        status: 503,
        cacheControl: 'no-store',
        body: {
          status: 'not ready',
          problems: [
            'AWS_REGION "Ireland" is not an AWS Region name (e.g. us-east-1).',
            'S3_MMS_BUCKET_NAME is not set: the bucket that holds media to send.',
          ],
        },
      })
    }
  )

  scenario(
    'demoPresent',
    'answers 503 naming the demo user outside sandbox mode',
    async (scenario: HealthScenario) => {
      const get = await serve({ db, env: AWS })
      expect(await get('/ready')).toEqual({
        status: 503,
        cacheControl: 'no-store',
        body: {
          status: 'not ready',
          problems: [
            `The demo user demo@example.com (user id ${scenario.user.demo.id}) is in the database, and its password is published. Remove it with \`yarn rw exec removeDemoAccount\`.`,
          ],
        },
      })
    }
  )

  scenario(
    'demoPresent',
    'answers 200 with the demo user in sandbox mode',
    async () => {
      const get = await serve({
        db,
        env: {
          NODE_ENV: 'development',
          MMS_SANDBOX: 'true',
          AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: 'http://127.0.0.1:4575',
        },
      })
      expect((await get('/ready')).body).toEqual({ status: 'ready' })
    }
  )
})
