import { db } from 'src/lib/db'

import { announceSettled, onQueued } from './signals'
import { waitForSend } from './waitForSend'
import type { StandardScenario } from './waitForSend.scenarios'

const update = (
  id: string,
  data: Parameters<typeof db.mmsMessage.update>[0]['data']
) => db.mmsMessage.update({ where: { id }, data })

/** Runs `wait`, returning its answer and how long it took. */
const timed = async <T>(wait: () => Promise<T>) => {
  const started = Date.now()
  const answer = await wait()
  return { answer, tookMs: Date.now() - started }
}

describe('waitForSend', () => {
  scenario(
    'answers QUEUED at once when the message’s slot is beyond the deadline',
    async () => {
      const { answer, tookMs } = await timed(() =>
        waitForSend('far-behind', Date.now() + 3_000)
      )
      expect(answer).toMatchObject({ id: 'far-behind', status: 'QUEUED' })
      expect(tookMs).toBeLessThan(200)
    }
  )

  scenario(
    'sees an outcome recorded by a worker in another process, by reading the message',
    async () => {
      setTimeout(async () => {
        await update('due', { status: 'SENT', providerMessageId: 'pinpoint-1' })
      }, 150)
      const { answer, tookMs } = await timed(() =>
        waitForSend('due', Date.now() + 3_000)
      )
      expect(answer).toMatchObject({
        status: 'SENT',
        providerMessageId: 'pinpoint-1',
      })
      expect(tookMs).toBeGreaterThanOrEqual(140)
      expect(tookMs).toBeLessThan(1_000)
    }
  )

  scenario(
    'with a worker in this process, ends as soon as the worker announces the outcome',
    async () => {
      // A worker here polls the message only once a second.
      const stopListening = onQueued(() => undefined)
      try {
        setTimeout(async () => {
          await update('due', { status: 'FAILED', errorCode: 'THROTTLED' })
          announceSettled('due')
        }, 100)
        const { answer, tookMs } = await timed(() =>
          waitForSend('due', Date.now() + 3_000)
        )
        expect(answer).toMatchObject({ status: 'FAILED' })
        expect(tookMs).toBeLessThan(600)
      } finally {
        stopListening()
      }
    }
  )

  scenario(
    'takes the message as the worker announces it, without reading it again',
    async (scenario: StandardScenario) => {
      const stopListening = onQueued(() => undefined)
      try {
        // What the worker's last write returned; the table is left as it was.
        const settled = {
          ...scenario.mmsMessage.due,
          status: 'SENT',
          providerMessageId: 'pinpoint-announced',
        }
        setTimeout(() => announceSettled('due', settled), 100)
        const { answer, tookMs } = await timed(() =>
          waitForSend('due', Date.now() + 3_000)
        )
        expect(answer).toBe(settled)
        expect(tookMs).toBeLessThan(600)
      } finally {
        stopListening()
      }
    }
  )

  scenario(
    'answers QUEUED as soon as a retry is queued for after the deadline',
    async () => {
      await update('due', { status: 'SENDING', nextAttemptAt: null })
      setTimeout(async () => {
        await update('due', {
          status: 'QUEUED',
          nextAttemptAt: new Date(Date.now() + 10_000),
        })
      }, 100)
      const { answer, tookMs } = await timed(() =>
        waitForSend('due', Date.now() + 3_000)
      )
      expect(answer).toMatchObject({ status: 'QUEUED' })
      expect(tookMs).toBeLessThan(1_000)
    }
  )

  scenario(
    'gives the message back as it stands when the deadline passes mid-send',
    async () => {
      await update('due', { status: 'SENDING', nextAttemptAt: null })
      const { answer, tookMs } = await timed(() =>
        waitForSend('due', Date.now() + 400)
      )
      expect(answer).toMatchObject({ status: 'SENDING' })
      expect(tookMs).toBeGreaterThanOrEqual(390)
      expect(tookMs).toBeLessThan(1_000)
    }
  )
})
