import type { PrismaClient } from '@prisma/client'

/**
 * The development demo account and API key. Their password and secret are
 * published (scripts/sandbox.env, the README), so they may exist only in the
 * local sandbox's own database. Only the identity lives here, never the
 * secrets: enough to recognise the records wherever they turn up.
 */
export const DEMO_USER_EMAIL = 'demo@example.com'
export const DEMO_API_KEY_PREFIX = 'demo000000'

/** How to delete both records, quoted in every refusal. */
export const DEMO_REMOVAL_COMMAND = 'yarn rw exec removeDemoAccount'

type Env = Record<string, string | undefined>

/**
 * `MMS_SANDBOX=true` (set by scripts/sandbox.env when `npm start` runs the
 * local sandbox) is the only thing that allows the demo records, and never in
 * a production build.
 */
export const isSandboxMode = (env: Env = process.env): boolean =>
  env.MMS_SANDBOX === 'true' && env.NODE_ENV !== 'production'

type Db = Pick<PrismaClient, 'user' | 'apiKey'>

/**
 * Why the demo records must not be here, one line per record, naming it and
 * how to remove it; empty in sandbox mode or when there are none. A revoked
 * demo key counts too: anyone with the database could un-revoke a key whose
 * secret is public.
 */
export const demoCredentialProblems = async (
  db: Db,
  env: Env = process.env
): Promise<string[]> => {
  const problems: string[] = []
  if (env.MMS_SANDBOX === 'true' && env.NODE_ENV === 'production') {
    problems.push(
      'MMS_SANDBOX=true marks the local development sandbox and is refused in production (NODE_ENV=production): remove it from the environment.'
    )
  }
  if (isSandboxMode(env)) {
    return problems
  }
  const [user, apiKey] = await Promise.all([
    db.user.findUnique({
      where: { email: DEMO_USER_EMAIL },
      select: { id: true },
    }),
    db.apiKey.findUnique({
      where: { prefix: DEMO_API_KEY_PREFIX },
      select: { id: true, userId: true },
    }),
  ])
  if (user) {
    problems.push(
      `The demo user ${DEMO_USER_EMAIL} (user id ${user.id}) is in the database, and its password is published. Remove it with \`${DEMO_REMOVAL_COMMAND}\`.`
    )
  }
  if (apiKey) {
    problems.push(
      `The demo API key ${DEMO_API_KEY_PREFIX} (of user id ${apiKey.userId}) is in the database, and its secret is published. Remove it with \`${DEMO_REMOVAL_COMMAND}\`.`
    )
  }
  return problems
}
