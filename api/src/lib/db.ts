import { PrismaClient } from '@prisma/client'

import { emitLogLevels, handlePrismaLogging } from '@redwoodjs/api/logger'

import { createDriverAdapter } from './dbAdapter'
import { logger } from './logger'
import { rawDatabaseOn } from './rawDb'

const adapter = createDriverAdapter()

const prismaClient = new PrismaClient({
  adapter,
  log: emitLogLevels(['info', 'warn', 'error']),
})

handlePrismaLogging({
  db: prismaClient,
  logger,
  logLevels: ['info', 'warn', 'error'],
})

export const db = prismaClient

/**
 * The same database through its driver alone (rawDb.ts), for the statements
 * every send makes: the API key, the message with its queue slot and limits,
 * the claim, the attempt and its outcome.
 */
export const rawDb = rawDatabaseOn(() => adapter.rawDriver)
