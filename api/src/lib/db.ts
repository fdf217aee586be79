import { PrismaClient } from '@prisma/client'

import { emitLogLevels, handlePrismaLogging } from '@redwoodjs/api/logger'

import { createDriverAdapter } from './dbAdapter'
import { logger } from './logger'

const prismaClient = new PrismaClient({
  adapter: createDriverAdapter(),
  log: emitLogLevels(['info', 'warn', 'error']),
})

handlePrismaLogging({
  db: prismaClient,
  logger,
  logLevels: ['info', 'warn', 'error'],
})

export const db = prismaClient
