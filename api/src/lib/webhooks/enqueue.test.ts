import { db } from 'src/lib/db'
import { recordDeliveryEvent } from 'src/lib/deliveryEvents/recordDeliveryEvent'
import { MMS_ERRORS } from 'src/lib/mmsErrors'
import { expireAbandonedSends, failQueued } from 'src/lib/sendQueue/queueStore'
import { NOW, failed, sent } from 'src/lib/sendQueue/sendQueue.fixtures'
import { settleAttempt } from 'src/lib/sendQueue/settleAttempt'

import { enqueueStatusWebhooks } from './enqueue'
import {
  CALLBACK_URL,
  HOOK_URL,
  type StandardScenario,
} from './enqueue.scenarios'

const ANSWERED_AT = NOW + 250

const message = (id: string) =>
  db.mmsMessage.findUniqueOrThrow({ where: { id } })
const deliveriesOf = (messageId: string) =>
  db.webhookDelivery.findMany({
    where: { messageId },
    orderBy: { url: 'desc' },
  })

const settle = async (id: string, outcome = sent('pinpoint-1')) =>
  settleAttempt(
    await message(id),
    'worker-a',
    outcome,
    { kind: 'RECORD' },
    ANSWERED_AT
  )

const deliveryEvent = (snsMessageId: string, providerMessageId: string) =>
  recordDeliveryEvent(db, {
    snsMessageId,
    record: {
      eventType: 'MEDIA_DELIVERED',
      occurredAt: new Date(NOW),
      providerMessageId,
      mmsMessageId: null,
      description: null,
      carrier: null,
      priceUsd: null,
      requestedAt: null,
      destinationPhoneNumber: null,
    },
  })

describe('status webhooks are written with the status change', () => {
  scenario(
    'an accepted send: one to the key’s webhook and one to the message’s statusCallbackUrl, each with its own id in a masked payload',
    async (scenario: StandardScenario) => {
      await settle('sending')

      const [toHook, toCallback] = await deliveriesOf('sending')
      expect(toHook).toMatchObject({
        url: HOOK_URL,
        endpointId: scenario.webhookEndpoint.current.id,
        apiKeyId: scenario.apiKey.hooked.id,
        status: 'SENT',
        attempts: 0,
        nextAttemptAt: new Date(ANSWERED_AT),
        createdAt: new Date(ANSWERED_AT),
        deliveredAt: null,
        failedAt: null,
      })
      expect(toCallback).toMatchObject({
        url: CALLBACK_URL,
        endpointId: null,
        status: 'SENT',
      })
      const updatedAt = (await message('sending')).updatedAt.toISOString()
      expect(JSON.parse(toHook.payload)).toEqual({
        id: toHook.id,
        type: 'message.status',
        createdAt: new Date(ANSWERED_AT).toISOString(),
        data: {
          id: 'sending',
          messageId: 'pinpoint-1',
          status: 'SENT',
          errorCode: null,
          errorMessage: null,
          destinationPhoneNumber: '+1********23',
          updatedAt,
        },
      })
      expect(toHook.payload).not.toContain('2065550123')
      expect(JSON.parse(toCallback.payload).id).toBe(toCallback.id)
    }
  )

  scenario(
    'nothing when the write changed nothing (a delivery event got there first)',
    async () => {
      await settle('delivered-while-sending')
      expect((await message('delivered-while-sending')).status).toBe(
        'DELIVERED'
      )
      expect(await deliveriesOf('delivered-while-sending')).toEqual([])
    }
  )

  scenario(
    'nothing for a key without a webhook, or a message sent by a person',
    async () => {
      await settle('sending-bare')
      await settle('sending-by-person')
      expect(await db.webhookDelivery.count()).toBe(0)
    }
  )

  scenario(
    'nothing for a retry: back to QUEUED is no change the caller can see',
    async () => {
      await settleAttempt(
        await message('sending'),
        'worker-a',
        failed('PROVIDER_UNAVAILABLE', 'TRANSIENT'),
        { kind: 'RETRY', notBeforeMs: NOW + 1_000, intervalMs: 1_000 },
        ANSWERED_AT
      )
      expect((await message('sending')).status).toBe('QUEUED')
      expect(await db.webhookDelivery.count()).toBe(0)
    }
  )

  scenario('a failed send, with its error', async () => {
    await settle('sending', failed('INVALID_DESTINATION'))
    const [toHook] = await deliveriesOf('sending')
    expect(JSON.parse(toHook.payload).data).toMatchObject({
      status: 'FAILED',
      errorCode: 'INVALID_DESTINATION',
      errorMessage: MMS_ERRORS.INVALID_DESTINATION,
    })
  })

  scenario(
    'a queued message failed by its worker, and not by another',
    async () => {
      await failQueued('queued-held', 'worker-b', 'EXPIRED_IN_QUEUE')
      expect(await deliveriesOf('queued-held')).toEqual([])

      await failQueued('queued-held', 'worker-a', 'EXPIRED_IN_QUEUE')
      const deliveries = await deliveriesOf('queued-held')
      expect(deliveries.map((d) => [d.url, d.status])).toEqual([
        [HOOK_URL, 'FAILED'],
      ])
      expect(JSON.parse(deliveries[0].payload).data.errorCode).toBe(
        'EXPIRED_IN_QUEUE'
      )
    }
  )

  scenario(
    'abandoned sends ended UNKNOWN by the sweep, and only those',
    async () => {
      expect(await expireAbandonedSends(NOW)).toBe(1)
      expect(
        (await db.webhookDelivery.findMany()).map((d) => [
          d.messageId,
          d.status,
        ])
      ).toEqual([['abandoned', 'UNKNOWN']])

      // A second sweep finds nothing more to move, so writes nothing more.
      expect(await expireAbandonedSends(NOW + 1_000)).toBe(0)
      expect(await db.webhookDelivery.count()).toBe(1)
    }
  )

  scenario('a delivery event, once, however often SNS repeats it', async () => {
    await deliveryEvent('sns-1', 'pinpoint-sent')
    await deliveryEvent('sns-1', 'pinpoint-sent')
    // Another notification of the same event moves nothing further.
    await deliveryEvent('sns-2', 'pinpoint-sent')

    const deliveries = await deliveriesOf('sent')
    expect(deliveries).toHaveLength(1)
    expect(JSON.parse(deliveries[0].payload).data).toMatchObject({
      id: 'sent',
      messageId: 'pinpoint-sent',
      status: 'DELIVERED',
    })
  })

  scenario('a rolled-back status write leaves no delivery behind', async () => {
    const rolledBack = db.$transaction(async (tx) => {
      await tx.mmsMessage.update({
        where: { id: 'sent' },
        data: { status: 'DELIVERED' },
      })
      expect(await enqueueStatusWebhooks(tx, 'sent', 'DELIVERED', NOW)).toBe(1)
      throw new Error('the write failed after enqueueing')
    })
    await expect(rolledBack).rejects.toThrow(
      'the write failed after enqueueing'
    )
    expect((await message('sent')).status).toBe('SENT')
    expect(await db.webhookDelivery.count()).toBe(0)
  })

  scenario(
    'nothing for SENDING, nor for a message not in the status named',
    async () => {
      await db.$transaction(async (tx) => {
        expect(await enqueueStatusWebhooks(tx, 'sending', 'SENDING', NOW)).toBe(
          0
        )
        expect(
          await enqueueStatusWebhooks(tx, ['sent', 'sending'], 'SENT', NOW)
        ).toBe(1)
      })
      expect(
        (await db.webhookDelivery.findMany()).map((d) => d.messageId)
      ).toEqual(['sent'])
    }
  )

  scenario(
    'one delivery when the statusCallbackUrl is the webhook’s own URL',
    async () => {
      await db.mmsMessage.update({
        where: { id: 'sending' },
        data: { statusCallbackUrl: HOOK_URL },
      })
      await settle('sending')
      expect((await deliveriesOf('sending')).map((d) => d.url)).toEqual([
        HOOK_URL,
      ])
    }
  )
})
