/* eslint-env node, es2020 */
// Drops the PostgreSQL database jest.globalSetup.js created for this run.
const { dropPostgresDatabase } = require('./jest.testDatabase')

module.exports = async () => {
  const created = globalThis.__MMS_TEST_POSTGRES__
  if (created) {
    await dropPostgresDatabase(created.serverUrl, created.name)
  }
}
