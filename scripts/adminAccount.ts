import { ensureAdminAccount } from 'api/src/lib/accounts/adminAccount'

const usage = `Usage:
  yarn rw exec adminAccount --email <email>   create an admin account, or make an existing account an admin`

/** The documented way to make the first admin, whatever SIGNUP_POLICY says. */
export default async ({ args }: { args: { email?: string } }) => {
  if (!args.email) {
    console.info(usage)
    return
  }
  const result = await ensureAdminAccount(String(args.email))
  if (!result.created) {
    console.info(`${result.email} is now an admin (and enabled).`)
    return
  }
  console.info(
    [
      `Created the admin account ${result.email}.`,
      `Open this link to choose its password (it works once, until ${result.setupUrlExpiresAt?.toISOString()}):`,
      `  ${result.setupUrl}`,
    ].join('\n')
  )
}
