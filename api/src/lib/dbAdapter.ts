import path from 'node:path'

import { PrismaLibSQL } from '@prisma/adapter-libsql'

// Prisma resolves `file:` URLs against the schema's folder; libSQL resolves
// them against the working directory, which differs between the CLI, the dev
// server and jest. Anchoring them here keeps one database file for all three.
const schemaDir = path.resolve(__dirname, '../../db')

export const resolveSqliteUrl = (url: string, baseDir = schemaDir): string => {
  if (!url.startsWith('file:')) {
    return url
  }
  const filePath = url.slice('file:'.length)
  return path.isAbsolute(filePath)
    ? url
    : `file:${path.resolve(baseDir, filePath)}`
}

export const databaseUrl = (): string => {
  const url = process.env.DATABASE_URL
  if (!url) {
    throw new Error('DATABASE_URL is not set (see .env.defaults)')
  }
  return url
}

export const createDriverAdapter = (url = databaseUrl()) =>
  new PrismaLibSQL({ url: resolveSqliteUrl(url) })
