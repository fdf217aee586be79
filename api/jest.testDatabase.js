/* eslint-env node, es2020 */
// The database the api tests run on, named by TEST_DATABASE_URL (default: a
// SQLite file under .redwood). A SQLite file is emptied; on PostgreSQL the URL
// names the server (and a database to connect to there), and the tests get a
// fresh database of their own on it, dropped when they end, so that runs never
// share or inherit data.
const fs = require('node:fs')
const path = require('node:path')

const pg = require('pg')

const isPostgres = (url) => /^postgres(ql)?:\/\//.test(url)

const withDatabase = (url, name) => {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

const quoteIdentifier = (name) => `"${name.replace(/"/g, '""')}"`

const runOn = async (url, sql) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Creates database `name` on the server of `serverUrl`; returns its URL. */
const createPostgresDatabase = async (serverUrl, name) => {
  await dropPostgresDatabase(serverUrl, name)
  await runOn(serverUrl, `CREATE DATABASE ${quoteIdentifier(name)}`)
  return withDatabase(serverUrl, name)
}

const dropPostgresDatabase = (serverUrl, name) =>
  runOn(
    serverUrl,
    `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`
  )

/** Deletes a SQLite database file with its journal, WAL and shared-memory files. */
const removeSqliteFile = (url, schemaDir) => {
  const file = path.resolve(schemaDir, url.slice('file:'.length))
  for (const suffix of ['', '-journal', '-wal', '-shm']) {
    fs.rmSync(file + suffix, { force: true })
  }
}

module.exports = {
  isPostgres,
  createPostgresDatabase,
  dropPostgresDatabase,
  removeSqliteFile,
}
