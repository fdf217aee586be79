import { hashApiKey, parseApiKey } from 'api/src/lib/apiKeys'
import { db } from 'api/src/lib/db'

import { hashPassword } from '@redwoodjs/auth-dbauth-api'

/**
 * Creates the development demo account and API key named in
 * scripts/sandbox.env. Safe to run again: it updates what exists.
 */
export default async () => {
  const email = process.env.DEMO_USER_EMAIL
  const password = process.env.DEMO_USER_PASSWORD
  const apiKey = process.env.DEMO_API_KEY
  if (!email || !password || !apiKey) {
    console.info(
      'No DEMO_USER_EMAIL, DEMO_USER_PASSWORD and DEMO_API_KEY set: nothing to seed.'
    )
    return
  }
  const parsed = parseApiKey(apiKey)
  if (!parsed) {
    throw new Error('DEMO_API_KEY is not a well-formed API key')
  }

  const [hashedPassword, salt] = hashPassword(password)
  const user = await db.user.upsert({
    where: { email },
    update: { hashedPassword, salt },
    create: { email, hashedPassword, salt },
  })
  const hashedKey = hashApiKey(apiKey)
  await db.apiKey.upsert({
    where: { prefix: parsed.prefix },
    update: { userId: user.id, hashedKey, revokedAt: null },
    create: {
      userId: user.id,
      name: 'demo key',
      prefix: parsed.prefix,
      hashedKey,
    },
  })
  console.info(`Demo account ${email} and its API key are ready.`)
}
