import { db } from 'api/src/lib/db'
import { DEMO_API_KEY_PREFIX, DEMO_USER_EMAIL } from 'api/src/lib/demoAccount'

/**
 * Deletes the development demo account and API key (their password and
 * secret are published) from the database in DATABASE_URL: what the api asks
 * for when it finds them outside sandbox mode. Deleting the user deletes its
 * keys, sessions and messages with it.
 */
export default async () => {
  const { count: keys } = await db.apiKey.deleteMany({
    where: { prefix: DEMO_API_KEY_PREFIX },
  })
  const { count: users } = await db.user.deleteMany({
    where: { email: DEMO_USER_EMAIL },
  })
  console.info(
    keys + users === 0
      ? 'No demo account or demo API key in this database.'
      : `Removed ${users ? `the demo user ${DEMO_USER_EMAIL}` : 'no demo user'} and ${keys ? `the demo API key ${DEMO_API_KEY_PREFIX}` : 'no demo API key'}.`
  )
}
