import {
  DescribePhoneNumbersCommand,
  PinpointSMSVoiceV2Client,
  SendMediaMessageCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import { mockClient } from 'aws-sdk-client-mock'

import { db } from 'src/lib/db'
import { FieldValidationError } from 'src/lib/fieldValidationError'

import { sendMms } from './mms'
import {
  CALLBACK_URL,
  HOOK_URL,
  type StandardScenario,
} from './mms.webhooks.scenarios'

// No worker runs here: the message stays QUEUED, the status its webhooks
// report first, and MMS_SEND_WAIT_MS=0 answers at once.
process.env.MMS_SEND_WAIT_MS = '0'
process.env.MMS_ORIGINATION_RATES = '+18445550100=1000'

const pinpoint = mockClient(PinpointSMSVoiceV2Client)
beforeEach(() => {
  pinpoint.reset()
  pinpoint.on(DescribePhoneNumbersCommand).resolves({ PhoneNumbers: [] })
})

const asKey = (scenario: StandardScenario, apiKeyId: string | null) =>
  mockCurrentUser({
    id: scenario.user.alice.id,
    email: scenario.user.alice.email,
    role: 'MEMBER',
    roles: ['MEMBER'],
    apiKeyId,
  })

describe('sendMms and status webhooks', () => {
  scenario(
    'a message sent with a hooked API key is queued with its QUEUED webhook, in one commit',
    async (scenario: StandardScenario) => {
      asKey(scenario, scenario.apiKey.hooked.id)
      const message = await sendMms({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'hi',
      })

      expect(message.status).toBe('QUEUED')
      const deliveries = await db.webhookDelivery.findMany({
        where: { messageId: message.id },
      })
      expect(deliveries.map((d) => [d.status, d.url])).toEqual([
        ['QUEUED', HOOK_URL],
      ])
      expect(JSON.parse(deliveries[0].payload)).toMatchObject({
        type: 'message.status',
        data: { id: message.id, status: 'QUEUED' },
      })
      expect(pinpoint.commandCalls(SendMediaMessageCommand)).toHaveLength(0)
    }
  )

  scenario(
    'a statusCallbackUrl is recorded and gets the status changes too',
    async (scenario: StandardScenario) => {
      asKey(scenario, scenario.apiKey.hooked.id)
      const message = await sendMms({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'hi',
        statusCallbackUrl: CALLBACK_URL,
      })

      expect(message.statusCallbackUrl).toBe(CALLBACK_URL)
      const urls = (
        await db.webhookDelivery.findMany({ where: { messageId: message.id } })
      )
        .map((d) => d.url)
        .sort()
      expect(urls).toEqual([CALLBACK_URL, HOOK_URL].sort())
    }
  )

  scenario(
    'a statusCallbackUrl from a signed-in person, who has no webhook secret to sign with, is refused and nothing is recorded',
    async (scenario: StandardScenario) => {
      asKey(scenario, null)
      const error = await sendMms({
        destinationPhoneNumber: '+12065550123',
        messageBody: 'hi',
        statusCallbackUrl: CALLBACK_URL,
      }).catch((e) => e)

      expect(error).toBeInstanceOf(FieldValidationError)
      expect(Object.keys(error.fieldMessages)).toEqual(['statusCallbackUrl'])
      expect(await db.mmsMessage.count()).toBe(0)
    }
  )

  scenario(
    'a statusCallbackUrl to a private address is refused outside sandbox mode',
    async (scenario: StandardScenario) => {
      asKey(scenario, scenario.apiKey.hooked.id)
      for (const url of [
        'http://callbacks.example.com/x',
        'https://10.0.0.7/hook',
        'https://169.254.169.254/latest/meta-data',
      ]) {
        const error = await sendMms({
          destinationPhoneNumber: '+12065550123',
          messageBody: 'hi',
          statusCallbackUrl: url,
        }).catch((e) => e)
        expect(error).toBeInstanceOf(FieldValidationError)
        expect(Object.keys(error.fieldMessages)).toEqual(['statusCallbackUrl'])
      }
      expect(await db.mmsMessage.count()).toBe(0)
      expect(await db.webhookDelivery.count()).toBe(0)
    }
  )
})
