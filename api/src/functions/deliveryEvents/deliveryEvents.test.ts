import type { APIGatewayProxyResult } from 'aws-lambda'

import { createLogger } from '@redwoodjs/api/logger'
import { mockHttpEvent } from '@redwoodjs/testing/api'

import { db } from 'src/lib/db'
import {
  createDeliveryEventsHandler,
  createSnsVerifier,
} from 'src/lib/deliveryEvents'
import {
  CERT_URL,
  OTHER_TOPIC_ARN,
  TOPIC_ARN,
  eventRecord,
  newKeyPair,
  notification,
  offlineAgent,
  sign,
  signingCertRoute,
  startLocalServer,
  subscriptionMessage,
  type LocalServer,
} from 'src/lib/deliveryEvents/sns.fixtures'
import { MMS_ERRORS } from 'src/lib/mmsErrors'

import { handler as deployedHandler } from './deliveryEvents'
import type { StandardScenario } from './deliveryEvents.scenarios'

// The key the sandbox signs with (served at /_sns/signing-cert), and a
// stranger's key that nobody trusts.
const sandboxKey = newKeyPair()
const strangerKey = newKeyPair()

let sandbox: LocalServer

beforeAll(async () => {
  sandbox = await startLocalServer({
    '/_sns/signing-cert': signingCertRoute(sandboxKey.publicKey),
    '/confirm': () => ({ status: 200, body: '<ConfirmSubscriptionResponse/>' }),
  })
})

afterAll(() => sandbox.close())

beforeEach(() => {
  sandbox.requests.length = 0
})

type Handler = ReturnType<typeof createDeliveryEventsHandler>

/**
 * The endpoint as the app builds it, with its own verifier and a log to read.
 * Certificates that are not pre-loaded are "fetched" through an agent that
 * never leaves the machine and notes the host it was asked for.
 */
const endpoint = ({
  sandboxMode = true,
  topicArns = [TOPIC_ARN],
}: { sandboxMode?: boolean; topicArns?: string[] } = {}) => {
  const lines: string[] = []
  // No masking options: what is masked here, the code masked itself.
  const logger = createLogger({
    options: { level: 'debug' },
    destination: { write: (line: string) => lines.push(line) },
  })
  const offline = offlineAgent()
  const verifier = createSnsVerifier({ requestAgent: offline.agent })
  const handler = createDeliveryEventsHandler({
    config: { topicArns, sandboxOrigin: sandboxMode ? sandbox.origin : null },
    db,
    verifier,
    logger,
  })
  return {
    handler,
    verifier,
    certificateHostsAsked: offline.hostsAsked,
    logText: () => lines.join(''),
    logs: () => lines.map((line) => JSON.parse(line)),
  }
}

const post = async (
  handler: Handler,
  fields: Record<string, string>,
  {
    typeHeader = fields.Type,
    body = JSON.stringify(fields),
    isBase64Encoded = false,
  }: { typeHeader?: string; body?: string; isBase64Encoded?: boolean } = {}
) => {
  const response = (await handler(
    mockHttpEvent({
      httpMethod: 'POST',
      path: '/deliveryEvents',
      headers: {
        'content-type': 'text/plain; charset=UTF-8',
        ...(typeHeader ? { 'x-amz-sns-message-type': typeHeader } : {}),
        'x-amz-sns-topic-arn': fields.TopicArn,
      },
      payload: body,
      isBase64Encoded,
    })
  )) as APIGatewayProxyResult
  return { status: response.statusCode, body: JSON.parse(response.body) }
}

/** An event record delivered as SNS does, signed with the sandbox's key. */
const signedEvent = (
  record: Record<string, unknown>,
  options: { messageId?: string; version?: string } = {}
) =>
  sign(notification(record, options), {
    privateKey: sandboxKey.privateKey,
    version: options.version,
  })

const messageRow = (id: string) =>
  db.mmsMessage.findUniqueOrThrow({ where: { id } })

const eventsOf = (messageId: string) =>
  db.mmsEvent.findMany({ where: { messageId }, orderBy: { receivedAt: 'asc' } })

describe('delivery events', () => {
  scenario(
    'a delivered event moves a SENT message to DELIVERED and is recorded',
    async (scenario: StandardScenario) => {
      const { handler } = endpoint()
      const delivery = signedEvent(
        eventRecord({ eventType: 'MEDIA_DELIVERED', messageId: 'aws-sent-1' })
      )

      expect(await post(handler, delivery)).toEqual({
        status: 200,
        body: { result: 'recorded' },
      })

      const message = await messageRow(scenario.mmsMessage.sent.id)
      expect(message).toMatchObject({
        status: 'DELIVERED',
        errorCode: null,
        priceUsd: '0.0225',
        carrier: 'T-Mobile',
      })
      expect(await eventsOf(message.id)).toEqual([
        expect.objectContaining({
          provider: 'aws',
          sourceId: delivery.MessageId,
          type: 'MEDIA_DELIVERED',
          status: 'DELIVERED',
          description: 'Message has been delivered to the handset',
          carrier: 'T-Mobile',
          priceUsd: '0.0225',
          occurredAt: new Date(1_795_003_205_000),
        }),
      ])
    }
  )

  scenario(
    'accepts SignatureVersion 2 (SHA256withRSA) and a base64 body',
    async (scenario: StandardScenario) => {
      const { handler } = endpoint()
      const delivery = signedEvent(eventRecord({ messageId: 'aws-sent-1' }), {
        version: '2',
      })

      const answer = await post(handler, delivery, { isBase64Encoded: true })

      expect(answer).toEqual({ status: 200, body: { result: 'recorded' } })
      expect((await messageRow(scenario.mmsMessage.sent.id)).status).toBe(
        'DELIVERED'
      )
    }
  )

  scenario(
    "a failure event makes the message UNDELIVERED with our code and text, never the carrier's",
    async (scenario: StandardScenario) => {
      const { handler } = endpoint()
      const carrierText = 'Carrier rejected: content filter 4711 (raw)'
      const failure = signedEvent(
        eventRecord({
          eventType: 'MEDIA_CARRIER_BLOCKED',
          messageStatus: 'CARRIER_BLOCKED',
          messageStatusDescription: carrierText,
          messageId: 'aws-sent-1',
          carrierName: undefined,
          totalMessagePrice: 0,
        }),
        { version: '2' }
      )

      expect((await post(handler, failure)).status).toBe(200)

      const message = await messageRow(scenario.mmsMessage.sent.id)
      expect(message).toMatchObject({
        status: 'UNDELIVERED',
        errorCode: 'BLOCKED_BY_CARRIER',
        errorMessage: MMS_ERRORS.BLOCKED_BY_CARRIER,
        carrier: '310/260',
        priceUsd: null,
      })
      expect(await eventsOf(message.id)).toEqual([
        expect.objectContaining({
          type: 'MEDIA_CARRIER_BLOCKED',
          status: 'UNDELIVERED',
          description: carrierText,
          carrier: '310/260',
          priceUsd: null,
        }),
      ])
    }
  )

  scenario(
    'a repeated SNS message is recorded once and changes nothing the second time',
    async (scenario: StandardScenario) => {
      const { handler } = endpoint()
      const delivery = signedEvent(eventRecord({ messageId: 'aws-sent-1' }))

      expect((await post(handler, delivery)).body).toEqual({
        result: 'recorded',
      })
      const afterFirst = await messageRow(scenario.mmsMessage.sent.id)
      expect(await post(handler, delivery)).toEqual({
        status: 200,
        body: { result: 'duplicate' },
      })

      expect(await messageRow(scenario.mmsMessage.sent.id)).toEqual(afterFirst)
      expect(await eventsOf(scenario.mmsMessage.sent.id)).toHaveLength(1)
    }
  )

  scenario(
    'the same SNS message delivered twice at once is recorded once',
    async (scenario: StandardScenario) => {
      const { handler } = endpoint()
      const delivery = signedEvent(eventRecord({ messageId: 'aws-sent-1' }))

      const answers = await Promise.all([
        post(handler, delivery),
        post(handler, delivery),
      ])

      expect(answers.map((a) => a.status)).toEqual([200, 200])
      expect(answers.map((a) => a.body.result).sort()).toEqual([
        'duplicate',
        'recorded',
      ])
      expect(await eventsOf(scenario.mmsMessage.sent.id)).toHaveLength(1)
    }
  )

  scenario(
    'a late SUCCESSFUL after DELIVERED leaves the message DELIVERED',
    async (scenario: StandardScenario) => {
      const { handler } = endpoint()
      const delivered = signedEvent(
        eventRecord({ eventType: 'MEDIA_DELIVERED', messageId: 'aws-sent-1' })
      )
      const late = signedEvent(
        eventRecord({
          eventType: 'MEDIA_SUCCESSFUL',
          messageStatus: 'SUCCESSFUL',
          eventTimestamp: 1_795_003_201_000,
          messageId: 'aws-sent-1',
        })
      )

      await post(handler, delivered)
      expect((await post(handler, late)).body).toEqual({ result: 'recorded' })

      expect((await messageRow(scenario.mmsMessage.sent.id)).status).toBe(
        'DELIVERED'
      )
      const events = await eventsOf(scenario.mmsMessage.sent.id)
      expect(events.map((e) => [e.type, e.status])).toEqual([
        ['MEDIA_DELIVERED', 'DELIVERED'],
        ['MEDIA_SUCCESSFUL', 'SENT'],
      ])
    }
  )

  scenario(
    'a failure after DELIVERED does not make the message UNDELIVERED',
    async (scenario: StandardScenario) => {
      const { handler } = endpoint()
      const failure = signedEvent(
        eventRecord({
          eventType: 'MEDIA_UNREACHABLE',
          messageId: 'aws-delivered-1',
        })
      )

      expect((await post(handler, failure)).status).toBe(200)

      expect(await messageRow(scenario.mmsMessage.delivered.id)).toMatchObject({
        status: 'DELIVERED',
        errorCode: null,
      })
    }
  )

  scenario(
    'an event for a message whose MessageId was lost finds it by Context, resolves it and keeps the id',
    async (scenario: StandardScenario) => {
      const { handler } = endpoint()
      const id = scenario.mmsMessage.unknown.id
      const delivery = signedEvent(
        eventRecord({
          messageId: 'aws-recovered-9',
          context: { mmsMessageId: id, orderId: '42' },
        })
      )

      expect((await post(handler, delivery)).body).toEqual({
        result: 'recorded',
      })

      expect(await messageRow(id)).toMatchObject({
        status: 'DELIVERED',
        providerMessageId: 'aws-recovered-9',
        errorCode: null,
        errorMessage: null,
        sentAt: new Date(1_795_003_200_000),
      })
      expect(await eventsOf(id)).toHaveLength(1)
    }
  )

  scenario(
    'an event naming another provider message of ours is kept but does not move the message',
    async (scenario: StandardScenario) => {
      const { handler, logs } = endpoint()
      const id = scenario.mmsMessage.sent.id
      const other = signedEvent(
        eventRecord({
          eventType: 'MEDIA_UNREACHABLE',
          messageId: 'aws-repeat-2',
          context: { mmsMessageId: id },
        })
      )

      expect((await post(handler, other)).body).toEqual({ result: 'recorded' })

      expect(await messageRow(id)).toMatchObject({
        status: 'SENT',
        providerMessageId: 'aws-sent-1',
        errorCode: null,
        carrier: null,
      })
      expect((await eventsOf(id)).map((e) => e.type)).toEqual([
        'MEDIA_UNREACHABLE',
      ])
      expect(logs().map((l) => l.msg)).toContain(
        'Delivery event for another provider message of this message (a repeated send); status left as it was'
      )
    }
  )

  scenario(
    'an MMS event type not known yet is recorded without a status',
    async (scenario: StandardScenario) => {
      const { handler } = endpoint()
      const novel = signedEvent(
        eventRecord({
          eventType: 'MEDIA_SOMETHING_NEW',
          messageId: 'aws-sent-1',
        })
      )

      expect((await post(handler, novel)).body).toEqual({ result: 'recorded' })

      expect((await messageRow(scenario.mmsMessage.sent.id)).status).toBe(
        'SENT'
      )
      expect(await eventsOf(scenario.mmsMessage.sent.id)).toEqual([
        expect.objectContaining({ type: 'MEDIA_SOMETHING_NEW', status: null }),
      ])
    }
  )

  scenario(
    'an event for no known message is answered 200, logged masked, and not recorded',
    async () => {
      const { handler, logText, logs } = endpoint()
      const stray = signedEvent(
        eventRecord({
          messageId: 'aws-not-ours',
          context: { mmsMessageId: 'msg-nowhere' },
        })
      )

      expect(await post(handler, stray)).toEqual({
        status: 200,
        body: { result: 'unmatched' },
      })

      expect(await db.mmsEvent.count()).toBe(0)
      expect(logs()).toContainEqual(
        expect.objectContaining({
          msg: 'Delivery event for no known message; not recorded',
          providerMessageId: 'aws-not-ours',
          destination: '+1********23',
        })
      )
      expect(logText()).not.toContain('2065550123')
    }
  )

  scenario('an event that is not about an MMS is ignored', async () => {
    const { handler } = endpoint()
    const sms = signedEvent(
      eventRecord({ eventType: 'TEXT_DELIVERED', messageId: 'aws-sent-1' })
    )

    expect(await post(handler, sms)).toEqual({
      status: 200,
      body: { result: 'ignored' },
    })
    expect(await db.mmsEvent.count()).toBe(0)
  })

  scenario(
    'a signed notification whose Message is not an event record is refused',
    async () => {
      const { handler } = endpoint()
      const notAnEvent = sign(
        { ...notification({}), Message: 'hello' },
        { privateKey: sandboxKey.privateKey }
      )

      expect(await post(handler, notAnEvent)).toEqual({
        status: 400,
        body: { error: 'The Message is not JSON.' },
      })
      expect(await db.mmsEvent.count()).toBe(0)
    }
  )
})

describe('refused deliveries record nothing', () => {
  const expectNothingChanged = async (scenario: StandardScenario) => {
    expect(await db.mmsEvent.count()).toBe(0)
    expect(await messageRow(scenario.mmsMessage.sent.id)).toEqual(
      scenario.mmsMessage.sent
    )
  }

  scenario('a tampered body', async (scenario: StandardScenario) => {
    const { handler } = endpoint()
    const signed = signedEvent(eventRecord({ eventType: 'MEDIA_SUCCESSFUL' }))
    const tampered = {
      ...signed,
      Message: JSON.stringify(eventRecord({ eventType: 'MEDIA_DELIVERED' })),
    }

    expect(await post(handler, tampered)).toEqual({
      status: 403,
      body: { error: 'Signature not valid.' },
    })
    await expectNothingChanged(scenario)
  })

  scenario(
    'a message signed with a key nobody trusts',
    async (scenario: StandardScenario) => {
      const { handler } = endpoint()
      const forged = sign(notification(eventRecord()), {
        privateKey: strangerKey.privateKey,
      })

      expect(await post(handler, forged)).toEqual({
        status: 403,
        body: { error: 'Signature not valid.' },
      })
      await expectNothingChanged(scenario)
    }
  )

  scenario('SignatureVersion 3', async (scenario: StandardScenario) => {
    const { handler } = endpoint()
    const signed = signedEvent(eventRecord(), { version: '2' })

    expect(await post(handler, { ...signed, SignatureVersion: '3' })).toEqual({
      status: 403,
      body: { error: 'Signature not valid.' },
    })
    await expectNothingChanged(scenario)
  })

  scenario(
    'a topic not in the allow-list, before any certificate is fetched',
    async (scenario: StandardScenario) => {
      const { handler, certificateHostsAsked } = endpoint({
        sandboxMode: false,
      })
      const foreign = sign(
        notification(eventRecord(), { topicArn: OTHER_TOPIC_ARN }),
        { privateKey: sandboxKey.privateKey }
      )

      expect(await post(handler, foreign)).toEqual({
        status: 403,
        body: { error: 'Topic not allowed.' },
      })
      expect(certificateHostsAsked).toEqual([])
      await expectNothingChanged(scenario)
    }
  )

  scenario(
    'a certificate URL that is not an AWS SNS host',
    async (scenario: StandardScenario) => {
      const { handler, verifier, certificateHostsAsked } = endpoint()
      const evilUrl =
        'https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem'
      // Even a certificate already in the cache under that URL is not used.
      verifier.trust(evilUrl, strangerKey.publicKey)
      const forged = sign(notification(eventRecord()), {
        privateKey: strangerKey.privateKey,
        certUrl: evilUrl,
      })

      expect(await post(handler, forged)).toEqual({
        status: 403,
        body: { error: 'Signature not valid.' },
      })
      expect(certificateHostsAsked).toEqual([])
      await expectNothingChanged(scenario)
    }
  )

  scenario(
    'a type header that does not match the body',
    async (scenario: StandardScenario) => {
      const { handler } = endpoint()
      const signed = signedEvent(eventRecord())

      expect(
        await post(handler, signed, { typeHeader: 'SubscriptionConfirmation' })
      ).toEqual({
        status: 400,
        body: { error: 'x-amz-sns-message-type does not match Type.' },
      })
      expect(await post(handler, signed, { typeHeader: '' })).toMatchObject({
        status: 400,
      })
      await expectNothingChanged(scenario)
    }
  )

  scenario(
    'a body that is not an SNS message, with no exception text in the answer',
    async (scenario: StandardScenario) => {
      const { handler } = endpoint()
      const signed = signedEvent(eventRecord())

      expect(
        await post(handler, signed, { body: '{"Type":"Notification", ' })
      ).toEqual({ status: 400, body: { error: 'The body is not JSON.' } })
      expect(
        await post(handler, { ...signed, MessageId: 42 } as never)
      ).toEqual({
        status: 400,
        body: { error: 'Missing or not text: MessageId.' },
      })
      expect(await post(handler, { ...signed, Type: 'Surprise' })).toEqual({
        status: 400,
        body: { error: 'Type is not an SNS message type.' },
      })
      await expectNothingChanged(scenario)
    }
  )

  scenario('anything but POST', async () => {
    const { handler } = endpoint()
    const response = (await handler(
      mockHttpEvent({ httpMethod: 'GET', path: '/deliveryEvents' })
    )) as APIGatewayProxyResult

    expect(response.statusCode).toBe(405)
    expect(response.headers).toMatchObject({ Allow: 'POST' })
  })
})

describe('trusting the sandbox signing key', () => {
  scenario(
    "in sandbox mode the sandbox's key is read once and pre-loaded for its AWS-shaped URL",
    async () => {
      const { handler, verifier, certificateHostsAsked } = endpoint()

      await post(handler, signedEvent(eventRecord({ messageId: 'aws-sent-1' })))
      await post(handler, signedEvent(eventRecord({ messageId: 'aws-sent-1' })))

      expect(verifier.isTrusted(CERT_URL)).toBe(true)
      expect(
        sandbox.requests.filter((r) => r.url === '/_sns/signing-cert')
      ).toHaveLength(1)
      expect(certificateHostsAsked).toEqual([])
    }
  )

  scenario(
    "outside sandbox mode the sandbox's key is never loaded and its messages are refused",
    async (scenario: StandardScenario) => {
      const { handler, verifier, certificateHostsAsked } = endpoint({
        sandboxMode: false,
      })
      const signedBySandbox = signedEvent(
        eventRecord({ messageId: 'aws-sent-1' })
      )

      const answer = await post(handler, signedBySandbox)

      // The certificate is asked of AWS's host only (unreachable here), not
      // of the sandbox, and the message is not accepted.
      expect(answer.status).toBe(503)
      expect(certificateHostsAsked).toEqual(['sns.us-east-1.amazonaws.com'])
      expect(sandbox.requests).toEqual([])
      expect(verifier.isTrusted(CERT_URL)).toBe(false)
      expect(await db.mmsEvent.count()).toBe(0)
      expect((await messageRow(scenario.mmsMessage.sent.id)).status).toBe(
        'SENT'
      )
    }
  )

  scenario(
    "with AWS's real certificate at that URL, a message signed by another key fails the check",
    async () => {
      const aws = newKeyPair()
      const { handler, verifier } = endpoint({ sandboxMode: false })
      verifier.trust(CERT_URL, aws.publicKey)

      const signedBySandbox = signedEvent(eventRecord())
      const signedByAws = sign(
        notification(eventRecord({ messageId: 'aws-sent-1' })),
        { privateKey: aws.privateKey }
      )

      expect(await post(handler, signedBySandbox)).toEqual({
        status: 403,
        body: { error: 'Signature not valid.' },
      })
      expect((await post(handler, signedByAws)).status).toBe(200)
    }
  )
})

describe('subscription confirmation', () => {
  scenario(
    'confirms an allowed topic by visiting its SubscribeURL (sandbox mode)',
    async () => {
      const { handler } = endpoint()
      const subscribeUrl = `${sandbox.origin}/confirm?Action=ConfirmSubscription&TopicArn=${TOPIC_ARN}&Token=token-2336412f37`
      const confirmation = sign(subscriptionMessage({ subscribeUrl }), {
        privateKey: sandboxKey.privateKey,
      })

      expect(await post(handler, confirmation)).toEqual({
        status: 200,
        body: { result: 'confirmed' },
      })
      expect(sandbox.requests).toContainEqual({
        method: 'GET',
        url: subscribeUrl.slice(sandbox.origin.length),
      })
    }
  )

  scenario('does not confirm a topic not in the allow-list', async () => {
    const { handler } = endpoint()
    const subscribeUrl = `${sandbox.origin}/confirm?Token=t`
    const confirmation = sign(
      subscriptionMessage({ subscribeUrl, topicArn: OTHER_TOPIC_ARN }),
      { privateKey: sandboxKey.privateKey }
    )

    expect(await post(handler, confirmation)).toEqual({
      status: 403,
      body: { error: 'Topic not allowed.' },
    })
    expect(sandbox.requests.map((r) => r.url)).not.toContain('/confirm?Token=t')
  })

  scenario(
    'outside sandbox mode, does not visit a SubscribeURL off the SNS host, even when signed',
    async () => {
      const { handler, verifier } = endpoint({ sandboxMode: false })
      verifier.trust(CERT_URL, sandboxKey.publicKey)
      const confirmation = sign(
        subscriptionMessage({
          subscribeUrl: `${sandbox.origin}/confirm?Token=t`,
        }),
        { privateKey: sandboxKey.privateKey }
      )

      expect(await post(handler, confirmation)).toEqual({
        status: 400,
        body: { error: 'SubscribeURL is not an SNS address.' },
      })
      expect(sandbox.requests).toEqual([])
    }
  )

  scenario(
    'answers 503 when the confirmation fails, so that SNS sends it again',
    async () => {
      const { handler } = endpoint()
      const confirmation = sign(
        subscriptionMessage({ subscribeUrl: `${sandbox.origin}/gone` }),
        { privateKey: sandboxKey.privateKey }
      )

      expect((await post(handler, confirmation)).status).toBe(503)
    }
  )

  scenario('an UnsubscribeConfirmation is checked and noted only', async () => {
    const { handler } = endpoint()
    const unsubscribed = sign(
      subscriptionMessage({
        type: 'UnsubscribeConfirmation',
        subscribeUrl: `${sandbox.origin}/confirm?Token=again`,
      }),
      { privateKey: sandboxKey.privateKey }
    )

    expect(await post(handler, unsubscribed)).toEqual({
      status: 200,
      body: { result: 'noted' },
    })
    expect(sandbox.requests.map((r) => r.url)).toEqual(['/_sns/signing-cert'])
  })
})

describe('the deployed endpoint', () => {
  scenario(
    'refuses everything with 403 while MMS_EVENTS_TOPIC_ARNS is empty',
    async () => {
      expect(process.env.MMS_EVENTS_TOPIC_ARNS ?? '').toBe('')
      const delivery = signedEvent(eventRecord({ messageId: 'aws-sent-1' }))

      expect(await post(deployedHandler, delivery)).toEqual({
        status: 403,
        body: { error: 'Delivery events are not enabled.' },
      })
      expect(await db.mmsEvent.count()).toBe(0)
    }
  )

  scenario('logs the reason for refusing everything only once', async () => {
    const { handler, logs } = endpoint({ topicArns: [] })
    const delivery = signedEvent(eventRecord())

    await post(handler, delivery)
    await post(handler, delivery)

    expect(
      logs().filter((l) => String(l.msg).includes('MMS_EVENTS_TOPIC_ARNS'))
    ).toHaveLength(1)
  })
})
