import type { MmsMessage } from '@prisma/client'

import { db } from 'src/lib/db'
import { MMS_STATUS } from 'src/lib/messageStatus'

import { settledOrTimeout } from './signals'

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
  for (;;) {
    const message = await db.mmsMessage.findUniqueOrThrow({ where: { id } })
    const remainingMs = deadlineMs - Date.now()
    const dueInTime =
      message.status === MMS_STATUS.SENDING ||
      (message.status === MMS_STATUS.QUEUED &&
        (message.nextAttemptAt?.getTime() ?? Infinity) <= deadlineMs)
    if (!dueInTime || remainingMs <= 0) {
      return message
    }
    await settledOrTimeout(id, Math.min(POLL_MS, remainingMs))
  }
}
