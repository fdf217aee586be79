import { hashPassword } from 'api/src/lib/accounts/passwords'
import { hashApiKey, parseApiKey } from 'api/src/lib/apiKeys'
import { db } from 'api/src/lib/db'
import {
  DEMO_API_KEY_PREFIX,
  DEMO_USER_EMAIL,
  isSandboxMode,
} from 'api/src/lib/demoAccount'

/**
 * Creates the development demo account and API key named in
 * scripts/sandbox.env, in sandbox mode only (`npm start` without AWS
 * settings). It creates what is missing and changes nothing that exists: a
 * demo key someone revoked stays revoked, and a changed password stays
 * changed.
 */
export default async () => {
  if (!isSandboxMode()) {
    console.info(
      'Not in sandbox mode (MMS_SANDBOX=true, set by npm start from scripts/sandbox.env): no demo account created.'
    )
    return
  }
  const email = process.env.DEMO_USER_EMAIL
  const password = process.env.DEMO_USER_PASSWORD
  const apiKey = process.env.DEMO_API_KEY
  if (!email || !password || !apiKey) {
    throw new Error(
      'DEMO_USER_EMAIL, DEMO_USER_PASSWORD and DEMO_API_KEY must all be set (scripts/sandbox.env).'
    )
  }
  // The api recognises the demo records by these two values alone; a demo
  // account under any other name would escape its start-up check.
  const parsed = parseApiKey(apiKey)
  if (email !== DEMO_USER_EMAIL || parsed?.prefix !== DEMO_API_KEY_PREFIX) {
    throw new Error(
      `DEMO_USER_EMAIL must be ${DEMO_USER_EMAIL} and DEMO_API_KEY a well-formed key with prefix ${DEMO_API_KEY_PREFIX} (api/src/lib/demoAccount.ts).`
    )
  }

  let user = await db.user.findUnique({ where: { email } })
  if (!user) {
    // The sandbox's admin, so the admin pages can be tried.
    user = await db.user.create({
      data: { email, role: 'ADMIN', ...(await hashPassword(password)) },
    })
  }
  const existingKey = await db.apiKey.findUnique({
    where: { prefix: DEMO_API_KEY_PREFIX },
  })
  if (!existingKey) {
    await db.apiKey.create({
      data: {
        userId: user.id,
        name: 'demo key',
        prefix: DEMO_API_KEY_PREFIX,
        hashedKey: hashApiKey(apiKey),
      },
    })
  }
  console.info(
    existingKey?.revokedAt
      ? `Demo account ${email} is ready; its API key stays revoked.`
      : `Demo account ${email} and its API key are ready.`
  )
}
