import { createServer } from '@redwoodjs/api-server'

import { ConfigError, mmsConfig } from 'src/lib/config'
import { db } from 'src/lib/db'
import { healthRoutes } from 'src/lib/healthRoutes'
import { logger } from 'src/lib/logger'
import { readMailConfig } from 'src/lib/mailConfig'
import { readinessProblems } from 'src/lib/readiness'
import { configureRestApiServer } from 'src/lib/restApi'
import { createSendWorker } from 'src/lib/sendQueue'
import { createWebhookDispatcher } from 'src/lib/webhooks'

/**
 * Redwood's api server (`rw dev` and `rw serve` both run this file), with a
 * check before it listens, the /health and /ready routes, and a send worker
 * with its status webhook dispatcher in the same process unless
 * MMS_IN_PROCESS_WORKER=false (then run api/dist/worker.js beside it).
 */
const main = async () => {
  // A process that would serve the published demo credentials, or send with
  // a broken configuration, does not start at all: the problems are listed
  // and it exits, rather than only reporting them on /ready.
  const problems = await readinessProblems({ db })
  if (problems.length > 0) {
    logger.fatal(
      `The api server will not start:\n${problems.map((p) => `  - ${p}`).join('\n')}`
    )
    await db.$disconnect()
    process.exit(1)
  }

  // Mail is not needed to send messages, so it does not stop the api; but
  // without it invitations and password resets cannot reach anyone.
  try {
    readMailConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    logger.warn(
      `Email is not configured, so invitations and password reset links cannot be sent:\n${error.problems.map((p) => `  - ${p}`).join('\n')}`
    )
  }

  const server = await createServer({
    logger,
    configureApiServer: configureRestApiServer,
  })
  await server.register(healthRoutes, {
    readinessProblems: () => readinessProblems({ db }),
  })
  if (mmsConfig().queue.inProcessWorker) {
    const worker = createSendWorker().start()
    server.addHook('onClose', () => worker.stop())
    const dispatcher = createWebhookDispatcher().start()
    server.addHook('onClose', () => dispatcher.stop())
  }
  await server.start()
}

main()
