import { EventEmitter } from 'node:events'

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

export const announceSettled = (messageId: string) => {
  events.emit(`settled:${messageId}`)
}

/** Resolves when the message is settled in this process, or after `ms`. */
export const settledOrTimeout = (messageId: string, ms: number) =>
  new Promise<void>((resolve) => {
    const name = `settled:${messageId}`
    const done = () => {
      clearTimeout(timer)
      events.off(name, done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    events.once(name, done)
  })
