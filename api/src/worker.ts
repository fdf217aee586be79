import { db } from 'src/lib/db'
import { logger } from 'src/lib/logger'
import { readinessProblems } from 'src/lib/readiness'
import { createSendWorker } from 'src/lib/sendQueue'
import { createWebhookDispatcher } from 'src/lib/webhooks'

/**
 * A send worker and a status webhook dispatcher as a process of its own
 * (`node api/dist/worker.js` after `rw build api`), for running workers
 * apart from the api servers, with MMS_IN_PROCESS_WORKER=false there. Any
 * number may run against one database.
 */
const main = async () => {
  const problems = await readinessProblems({ db })
  if (problems.length > 0) {
    logger.fatal(
      `The send worker will not start:\n${problems.map((p) => `  - ${p}`).join('\n')}`
    )
    await db.$disconnect()
    process.exit(1)
  }
  const worker = createSendWorker().start()
  const dispatcher = createWebhookDispatcher().start()
  let stopping = false
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'Send worker stopping')
    await Promise.all([worker.stop(), dispatcher.stop()])
    await db.$disconnect()
    process.exit(0)
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main()
