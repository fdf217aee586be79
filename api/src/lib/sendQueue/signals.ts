import { EventEmitter } from 'node:events'

import type { MmsMessage } from '@prisma/client'

/**
 * In-process news about the queue: a worker in this process hears at once of
 * a message queued here, and a waiting sendMms of its message's outcome.
 * Other processes find out by polling the database, so nothing depends on it.
 */
const events = new EventEmitter()
events.setMaxListeners(0)

export const announceQueued = () => {
  events.emit('queued')
}

/** A worker of this process listens from start to stop. */
export const onQueued = (listener: () => void): (() => void) => {
  events.on('queued', listener)
  return () => events.off('queued', listener)
}

/** Whether a worker runs in this process, which announces outcomes here. */
export const hasLocalWorker = () => events.listenerCount('queued') > 0

/** Says a message's attempt is recorded, with the message as it then stood when known. */
export const announceSettled = (messageId: string, message?: MmsMessage) => {
  events.emit(`settled:${messageId}`, message)
}

/**
 * Resolves when the message is settled in this process, with the message if
 * the announcement carried it, or after `ms` with nothing.
 */
export const settledOrTimeout = (messageId: string, ms: number) =>
  new Promise<MmsMessage | undefined>((resolve) => {
    const name = `settled:${messageId}`
    const done = (message?: MmsMessage) => {
      clearTimeout(timer)
      events.off(name, done)
      resolve(message)
    }
    const timer = setTimeout(done, ms)
    events.once(name, done)
  })
