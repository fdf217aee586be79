import { db } from 'src/lib/db'

import type { DueMessage } from './queueStore'
import { attemptClaimedMessage, type SendAttemptDeps } from './sendAttempt'
import type { StandardScenario } from './sendAttempt.scenarios'
import { FakeProvider, fixedRates, NOW } from './sendQueue.fixtures'
import { settledOrTimeout } from './signals'

const row = (id: string) => db.mmsMessage.findUniqueOrThrow({ where: { id } })
const attemptsOf = (messageId: string) =>
  db.mmsAttempt.findMany({ where: { messageId } })

/** The message as worker-a's due list had it when it claimed it. */
const due = async (id: string): Promise<DueMessage> => {
  const {
    nextAttemptAt,
    expiresAt,
    originationIdentity,
    destinationPhoneNumber,
  } = await row(id)
  return {
    id,
    nextAttemptAt,
    expiresAt,
    originationIdentity,
    destinationPhoneNumber,
  }
}

const depsWith = (provider: FakeProvider): SendAttemptDeps => ({
  provider,
  rates: fixedRates(100),
  owner: 'worker-a',
  leaseMs: 60_000,
  maxAttempts: 3,
  now: () => NOW,
})

describe('attemptClaimedMessage', () => {
  scenario(
    'sends a message the worker holds once, records it SENT and announces it as recorded',
    async () => {
      const provider = new FakeProvider()
      const announced = settledOrTimeout('mine', 5_000)

      await attemptClaimedMessage(await due('mine'), depsWith(provider))

      expect(provider.calls.map((call) => call.message.recordId)).toEqual([
        'mine',
      ])
      const stored = await row('mine')
      expect(stored).toMatchObject({
        status: 'SENT',
        providerMessageId: 'fake-mine',
        attemptCount: 1,
        leaseOwner: null,
      })
      expect(await announced).toEqual(stored)
      expect(await attemptsOf('mine')).toMatchObject([
        { number: 1, outcome: 'ACCEPTED' },
      ])
    }
  )

  scenario(
    'leaves alone a message another worker took over since the claim: nothing sent, nothing recorded',
    async (scenario: StandardScenario) => {
      const provider = new FakeProvider()

      await attemptClaimedMessage(await due('taken-over'), depsWith(provider))

      expect(provider.calls).toEqual([])
      expect(await row('taken-over')).toEqual(scenario.mmsMessage.takenOver)
      expect(await attemptsOf('taken-over')).toEqual([])
    }
  )

  scenario(
    'does not send again a message that was sent meanwhile',
    async (scenario: StandardScenario) => {
      const provider = new FakeProvider()

      await attemptClaimedMessage(
        await due('sent-meanwhile'),
        depsWith(provider)
      )

      expect(provider.calls).toEqual([])
      expect(await row('sent-meanwhile')).toEqual(
        scenario.mmsMessage.sentMeanwhile
      )
    }
  )

  scenario(
    'fails an expired message it holds, and only one it still holds',
    async (scenario: StandardScenario) => {
      const provider = new FakeProvider()

      await attemptClaimedMessage(await due('expired-mine'), depsWith(provider))
      await attemptClaimedMessage(
        await due('expired-taken-over'),
        depsWith(provider)
      )

      expect(provider.calls).toEqual([])
      expect(await row('expired-mine')).toMatchObject({
        status: 'FAILED',
        errorCode: 'EXPIRED_IN_QUEUE',
        leaseOwner: null,
      })
      expect(await row('expired-taken-over')).toEqual(
        scenario.mmsMessage.expiredTakenOver
      )
    }
  )
})
