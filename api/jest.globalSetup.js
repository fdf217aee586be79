/* eslint-env node, es2020 */
// Builds the test database from the committed migrations, exactly as a
// deployment would, instead of Redwood's default `db push`: the SQLite ones,
// or on PostgreSQL the ones derived from them (prisma.config.ts picks by URL).
const path = require('node:path')

const execa = require('execa')

const { getPaths } = require('@redwoodjs/project-config')

const {
  createPostgresDatabase,
  isPostgres,
  removeSqliteFile,
} = require('./jest.testDatabase')

module.exports = async () => {
  require('dotenv-defaults/config')
  const { base } = getPaths()
  const requested =
    process.env.TEST_DATABASE_URL ||
    `file:${path.join(base, '.redwood', 'test.db')}`

  let url = requested
  if (isPostgres(requested)) {
    const name = `mms_test_${process.pid}`
    url = await createPostgresDatabase(requested, name)
    // Read by jest.globalTeardown.js, which runs in this same process.
    globalThis.__MMS_TEST_POSTGRES__ = { serverUrl: requested, name }
  } else {
    removeSqliteFile(requested, path.join(base, 'api', 'db'))
  }
  process.env.DATABASE_URL = url

  // `yarn rw prisma` would pass the SQLite schema whatever the URL.
  execa.sync(
    path.join(base, 'node_modules', '.bin', 'prisma'),
    ['migrate', 'deploy'],
    {
      cwd: base,
      stdio: process.env.CI ? 'inherit' : 'ignore',
      env: { DATABASE_URL: url },
    }
  )
}
