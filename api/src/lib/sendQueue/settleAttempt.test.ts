import { db } from 'src/lib/db'
import { MMS_ERRORS } from 'src/lib/mmsErrors'
import type { SendOutcome } from 'src/lib/mmsProvider'

import { reserveSendSlot } from './pacing'
import {
  at,
  failed,
  IDENTITY,
  NOW,
  sent,
  throttled,
  unavailable,
  unknown,
} from './sendQueue.fixtures'
import { settleAttempt, type Settlement } from './settleAttempt'
import type { StandardScenario } from './settleAttempt.scenarios'

const RECORD: Settlement = { kind: 'RECORD' }
const ANSWERED_AT = NOW + 250

const row = (id: string) => db.mmsMessage.findUniqueOrThrow({ where: { id } })
const attemptOf = (messageId: string) =>
  db.mmsAttempt.findFirstOrThrow({ where: { messageId, number: 1 } })

/** Records worker-a's answer for the message as it stands now. */
const settle = async (
  id: string,
  outcome: SendOutcome,
  settlement: Settlement = RECORD,
  owner = 'worker-a'
) => settleAttempt(await row(id), owner, outcome, settlement, ANSWERED_AT)

describe('settleAttempt', () => {
  scenario(
    'records an accepted send: SENT with the provider’s id, the lease given back, the attempt as the provider timed it',
    async () => {
      const outcome: SendOutcome = {
        ...sent('pinpoint-1'),
        attempts: [
          {
            number: 1,
            startedAt: at(20),
            durationMs: 180,
            outcome: 'ACCEPTED',
            httpStatus: 200,
          },
        ],
      }
      const settled = await settle('sending', outcome)

      expect(settled).toMatchObject({
        status: 'SENT',
        providerMessageId: 'pinpoint-1',
        sentAt: at(250),
        errorCode: null,
        leaseOwner: null,
        leaseExpiresAt: null,
      })
      expect(await attemptOf('sending')).toMatchObject({
        startedAt: at(20),
        durationMs: 180,
        outcome: 'ACCEPTED',
        httpStatus: 200,
        errorCode: null,
      })
    }
  )

  scenario(
    'never moves a DELIVERED message back with a late answer, but keeps the provider’s id',
    async () => {
      const settled = await settle('delivered', sent('pinpoint-late'))
      expect(settled).toMatchObject({
        status: 'DELIVERED',
        providerMessageId: 'pinpoint-late',
        sentAt: at(250),
      })
      expect((await attemptOf('delivered')).outcome).toBe('ACCEPTED')
    }
  )

  scenario(
    'does not replace a provider id the message already has',
    async () => {
      await db.mmsMessage.update({
        where: { id: 'delivered' },
        data: { providerMessageId: 'pinpoint-from-event' },
      })
      expect(await settle('delivered', sent('pinpoint-other'))).toMatchObject({
        status: 'DELIVERED',
        providerMessageId: 'pinpoint-from-event',
      })
    }
  )

  scenario(
    'resolves a message given up as UNKNOWN when the answer turns out to be SENT',
    async () => {
      expect(await settle('given-up', sent('pinpoint-2'))).toMatchObject({
        status: 'SENT',
        providerMessageId: 'pinpoint-2',
        errorCode: null,
        errorMessage: null,
      })
    }
  )

  scenario(
    'queues a retry again at its identity’s first free slot from the backoff, releasing the lease',
    async () => {
      // Two messages already hold the identity's slots until NOW + 2 s.
      await reserveSendSlot(db, IDENTITY, 1_000, NOW)
      await reserveSendSlot(db, IDENTITY, 1_000, NOW)

      const settled = await settle('sending', throttled(), {
        kind: 'RETRY',
        notBeforeMs: NOW + 700,
        intervalMs: 250,
      })

      expect(settled).toMatchObject({
        status: 'QUEUED',
        nextAttemptAt: at(2_000),
        attemptCount: 1,
        leaseOwner: null,
        leaseExpiresAt: null,
        errorCode: null,
      })
      expect((await attemptOf('sending')).outcome).toBe('THROTTLED')
      expect(
        await db.originationPace.findUniqueOrThrow({
          where: { identity: IDENTITY },
        })
      ).toMatchObject({ nextSlotAtMs: BigInt(NOW + 2_250) })
    }
  )

  scenario(
    'queues a retry at the backoff itself when the identity’s schedule is free by then',
    async () => {
      const settled = await settle('sending', unavailable(), {
        kind: 'RETRY',
        notBeforeMs: NOW + 700,
        intervalMs: 250,
      })
      expect(settled).toMatchObject({
        status: 'QUEUED',
        nextAttemptAt: at(700),
      })
      expect((await attemptOf('sending')).outcome).toBe('RETRYABLE')
    }
  )

  scenario(
    'ends a retry whose slot falls after the message’s deadline as FAILED, with the last attempt’s error',
    async () => {
      const settled = await settle('near-deadline', throttled(), {
        kind: 'RETRY',
        notBeforeMs: NOW + 700,
        intervalMs: 250,
      })
      expect(settled).toMatchObject({
        status: 'FAILED',
        errorCode: 'THROTTLED',
        errorMessage: MMS_ERRORS.THROTTLED,
        nextAttemptAt: null,
        leaseOwner: null,
      })
    }
  )

  scenario(
    'does not put a message back in the queue for a worker that no longer holds it',
    async () => {
      await db.mmsMessage.update({
        where: { id: 'sending' },
        data: { leaseOwner: 'worker-b' },
      })
      const settled = await settle(
        'sending',
        unavailable(),
        { kind: 'RETRY', notBeforeMs: NOW + 700, intervalMs: 250 },
        'worker-a'
      )
      expect(settled).toMatchObject({
        status: 'SENDING',
        leaseOwner: 'worker-b',
      })
    }
  )

  scenario(
    'records a refusal as FAILED and a lost answer as UNKNOWN, each attempt as it ended',
    async () => {
      expect(
        await settle('sending', failed('DESTINATION_OPTED_OUT'))
      ).toMatchObject({
        status: 'FAILED',
        errorCode: 'DESTINATION_OPTED_OUT',
        errorMessage: MMS_ERRORS.DESTINATION_OPTED_OUT,
        leaseOwner: null,
      })
      expect((await attemptOf('sending')).outcome).toBe('REJECTED')

      expect(await settle('near-deadline', unknown())).toMatchObject({
        status: 'UNKNOWN',
        errorCode: 'OUTCOME_UNKNOWN',
        leaseOwner: null,
      })
      expect((await attemptOf('near-deadline')).outcome).toBe('NO_RESPONSE')
    }
  )

  scenario(
    'never records a failure over a message a delivery event already moved on',
    async (scenario: StandardScenario) => {
      expect(
        await settle(scenario.mmsMessage.delivered.id, unknown())
      ).toMatchObject({ status: 'DELIVERED', errorCode: null })
    }
  )
})
