import type { MmsMessage } from '@prisma/client'

import { db } from 'src/lib/db'
import { MMS_STATUS } from 'src/lib/messageStatus'

import { hasLocalWorker, settledOrTimeout } from './signals'

// With a worker in this process, its announcement ends the wait and the
// database is read again only now and then, in case a worker elsewhere took
// the message; otherwise reading it is the only way to know.
const POLL_MS_WITH_LOCAL_WORKER = 1_000
const POLL_MS = 100

/**
 * Waits until a queued message has been tried, or until `deadlineMs`, and
 * returns it as it then stands: SENT, FAILED or UNKNOWN, or still QUEUED (or
 * SENDING) when its turn did not come in time. A worker in this process
 * announces the outcome; one in another process is seen by polling.
 */
export const waitForSend = async (
  id: string,
  deadlineMs: number
): Promise<MmsMessage> => {
  const read = () => db.mmsMessage.findUniqueOrThrow({ where: { id } })
  let message = await read()
  for (;;) {
    const remainingMs = deadlineMs - Date.now()
    const dueInTime =
      message.status === MMS_STATUS.SENDING ||
      (message.status === MMS_STATUS.QUEUED &&
        (message.nextAttemptAt?.getTime() ?? Infinity) <= deadlineMs)
    if (!dueInTime || remainingMs <= 0) {
      return message
    }
    const pollMs = hasLocalWorker() ? POLL_MS_WITH_LOCAL_WORKER : POLL_MS
    // A worker here announces the message as its attempt left it.
    message =
      (await settledOrTimeout(id, Math.min(pollMs, remainingMs))) ??
      (await read())
  }
}
