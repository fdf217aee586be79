import path from 'node:path'

import { config as loadEnv } from 'dotenv-defaults'
import { defineConfig } from 'prisma/config'

import { createDriverAdapter, databaseProvider } from './api/src/lib/dbAdapter'

// Prisma does not read .env files when a config file exists; Redwood's CLI
// does, so `yarn prisma …` reads them here as `yarn rw prisma …` would.
// Variables already set win.
loadEnv({
  path: path.join(__dirname, '.env'),
  defaults: path.join(__dirname, '.env.defaults'),
  multiline: true,
})

// SQLite's schema and migrations are the source; PostgreSQL's are derived
// from them (scripts/derivePostgres.ts). DATABASE_URL picks which ones run.
// `yarn rw prisma …` always passes Redwood's --schema (the SQLite one), so on
// PostgreSQL run `yarn prisma …`.
const dbDir =
  databaseProvider(process.env.DATABASE_URL ?? 'file:') === 'postgresql'
    ? path.join('api', 'db', 'postgres')
    : path.join('api', 'db')

// Runs every Prisma CLI command through the Wasm schema engine and a driver
// adapter, so no native engine is ever downloaded.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(dbDir, 'schema.prisma'),
  migrations: {
    path: path.join(dbDir, 'migrations'),
    seed: 'yarn rw exec seed',
  },
  adapter: async () => createDriverAdapter(),
})
