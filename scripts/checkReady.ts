import { db } from 'api/src/lib/db'
import { readinessProblems } from 'api/src/lib/readiness'

/**
 * The api's start-up check, run on its own: `npm run serve` calls it before
 * `rw serve`, whose web side would otherwise keep serving while the api
 * refuses to start. Exits non-zero, listing every problem, when not ready.
 */
export default async () => {
  const problems = await readinessProblems({ db })
  if (problems.length > 0) {
    console.error(
      `Not starting:\n${problems.map((p) => `  - ${p}`).join('\n')}`
    )
    process.exitCode = 1
    return
  }
  console.info('Ready: database, MMS configuration and no demo credentials.')
}
