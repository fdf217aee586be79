// Builds the test database from the committed migrations, exactly as a
// deployment would, instead of Redwood's default `db push`.
const fs = require('node:fs')
const path = require('node:path')

const execa = require('execa')

const { getPaths } = require('@redwoodjs/project-config')

module.exports = async () => {
  require('dotenv-defaults/config')
  const { base } = getPaths()
  const testDb = path.join(base, '.redwood', 'test.db')
  const url = process.env.TEST_DATABASE_URL || `file:${testDb}`
  process.env.DATABASE_URL = url

  if (url.startsWith('file:')) {
    const file = path.resolve(path.join(base, 'api', 'db'), url.slice('file:'.length))
    for (const suffix of ['', '-journal', '-wal', '-shm']) {
      fs.rmSync(file + suffix, { force: true })
    }
  }
  execa.sync('yarn rw prisma migrate deploy', {
    cwd: base,
    shell: true,
    stdio: process.env.CI ? 'inherit' : 'ignore',
    env: { DATABASE_URL: url },
  })
}
