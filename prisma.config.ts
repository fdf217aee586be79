import path from 'node:path'

import { defineConfig } from 'prisma/config'

import { createDriverAdapter } from './api/src/lib/dbAdapter'

// Runs every Prisma CLI command through the Wasm schema engine and a driver
// adapter, so no native engine is ever downloaded.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('api', 'db', 'schema.prisma'),
  migrations: {
    path: path.join('api', 'db', 'migrations'),
    seed: 'yarn rw exec seed',
  },
  adapter: async () => createDriverAdapter(),
})
