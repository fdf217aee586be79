import { issueApiKey } from 'api/src/lib/apiKeys'
import { db } from 'api/src/lib/db'

// `rw exec` keeps --name and --list for itself, hence --key-name and --show.
const usage = `Usage:
  yarn rw exec apiKey --email <user email> --key-name "<what will use it>"   create a key
  yarn rw exec apiKey --email <user email> --show                            list a user's keys
  yarn rw exec apiKey --revoke <key prefix>                                  revoke a key`

interface Args {
  email?: string
  keyName?: string
  show?: boolean
  revoke?: string
}

/** Creates, lists and revokes API keys from the command line. */
export default async ({ args }: { args: Args }) => {
  if (args.revoke) {
    const key = await db.apiKey.findUnique({
      where: { prefix: String(args.revoke) },
    })
    if (!key) {
      throw new Error(`No API key with prefix ${args.revoke}`)
    }
    await db.apiKey.update({
      where: { id: key.id },
      data: { revokedAt: key.revokedAt ?? new Date() },
    })
    console.info(`Revoked API key ${key.prefix} (${key.name}).`)
    return
  }
  if (!args.email) {
    console.info(usage)
    return
  }
  const user = await db.user.findUnique({
    where: { email: String(args.email) },
  })
  if (!user) {
    throw new Error(`No user with email ${args.email}; sign up first.`)
  }
  if (args.show) {
    const keys = await db.apiKey.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: 'desc' },
    })
    for (const key of keys) {
      const state = key.revokedAt
        ? `revoked ${key.revokedAt.toISOString()}`
        : 'active'
      console.info(
        `${key.prefix}  ${key.name}  created ${key.createdAt.toISOString()}  ${state}`
      )
    }
    return
  }
  if (!args.keyName) {
    throw new Error('Give the key a --key-name, e.g. the service that will use it.')
  }
  const { apiKey, secret } = await issueApiKey(db, user.id, String(args.keyName))
  console.info(
    `Created API key ${apiKey.prefix} (${apiKey.name}) for ${user.email}.\n` +
      `Send it as "Authorization: Bearer <key>". It is shown only now:\n\n${secret}\n`
  )
}
