import type { FastifyInstance } from 'fastify'

import { logger } from 'src/lib/logger'

export interface HealthRoutesOptions {
  /** The problems that make the process not ready; empty when ready. */
  readinessProblems: () => Promise<string[]>
}

/**
 * `GET /health`: the process is up (for a liveness probe; it touches nothing
 * else, so a slow database never gets a healthy process restarted).
 * `GET /ready`: the process can serve (for a readiness probe or a load
 * balancer): 200, or 503 naming every problem.
 */
export const healthRoutes = async (
  server: FastifyInstance,
  { readinessProblems }: HealthRoutesOptions
) => {
  server.get('/health', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok' })
  )

  server.get('/ready', async (_request, reply) => {
    const problems = await readinessProblems()
    reply.header('cache-control', 'no-store')
    if (problems.length > 0) {
      logger.warn({ problems }, 'Not ready')
      return reply.code(503).send({ status: 'not ready', problems })
    }
    return reply.send({ status: 'ready' })
  })
}
