import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { after, afterEach, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'

import { ConflictException } from '@aws-sdk/client-pinpoint-sms-voice-v2'

import {
  DEFAULT_CONFIGURATION_SET,
  DEFAULT_ORIGINATION_IDENTITY,
  SIMULATOR_FAILURE_NUMBER,
  SIMULATOR_OPTED_OUT_NUMBER,
  SIMULATOR_SUCCESS_NUMBER,
  type PinpointSandboxOptions,
} from '../src/index.ts'

import {
  startTestSandbox,
  type TestSandbox,
} from './support/sandbox-fixture.ts'
import {
  confirmingReceiver,
  fetchSigningKeys,
  startSnsReceiver,
  verifySnsMessage,
  type ReceivedSnsRequest,
  type SnsReceiver,
} from './support/sns-receiver.ts'

const TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:mms-delivery-events'
const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

interface DeliveriesJson {
  pending: number
  inFlight: number
  count: number
  deliveries: {
    snsMessageId: string
    type: string
    eventType: string | null
    messageId: string | null
    endpoint: string
    state: string
    attempts: number
    statuses: (number | null)[]
    status: number | null
    error: string | null
  }[]
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  return (await (await fetch(url, init)).json()) as T
}

function subscribe(sandbox: TestSandbox, endpoint: string): Promise<Response> {
  return fetch(`${sandbox.pinpoint.endpoint}/_sns/subscriptions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ endpoint }),
  })
}

async function subscriptionStates(sandbox: TestSandbox): Promise<string[]> {
  const { subscriptions } = await json<{ subscriptions: { state: string }[] }>(
    `${sandbox.pinpoint.endpoint}/_sns/subscriptions`
  )
  return subscriptions.map((s) => s.state)
}

async function waitUntil(
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 5000
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await sleep(10)
  }
}

/** Subscribes a receiver that confirms like the app does, and waits for the confirmation. */
async function subscribeConfirmed(
  sandbox: TestSandbox,
  receiver: SnsReceiver
): Promise<void> {
  assert.equal((await subscribe(sandbox, receiver.url)).status, 202)
  await waitUntil(async () =>
    (await subscriptionStates(sandbox)).includes('confirmed')
  )
}

function notifications(requests: ReceivedSnsRequest[]): ReceivedSnsRequest[] {
  return requests.filter((r) => r.message.Type === 'Notification')
}

function eventOf(request: ReceivedSnsRequest): Record<string, unknown> {
  return JSON.parse(request.message.Message!) as Record<string, unknown>
}

function sandboxWith(
  pinpoint: PinpointSandboxOptions = {}
): Promise<TestSandbox> {
  return startTestSandbox({
    pinpoint: {
      eventDelayMs: 0,
      snsDelivery: { retryDelayMs: 20, timeoutMs: 2000 },
      ...pinpoint,
    },
  })
}

describe('SNS emulation: signing key and the subscription handshake', () => {
  let sandbox: TestSandbox
  let keys: Map<string, string>
  let receiver: SnsReceiver
  before(async () => {
    sandbox = await sandboxWith()
    keys = await fetchSigningKeys(sandbox.pinpoint.endpoint)
  })
  after(() => sandbox.close())
  afterEach(async () => {
    await receiver?.close()
    sandbox.pinpoint.reset()
  })

  it('serves its public key for a SigningCertURL of AWS shape, new at every start', async () => {
    const served = await json<{
      signingCertUrl: string
      pem: string
      signatureVersion: string
      topicArn: string
    }>(`${sandbox.pinpoint.endpoint}/_sns/signing-cert`)
    assert.match(
      served.signingCertUrl,
      /^https:\/\/sns\.us-east-1\.amazonaws\.com\/SimpleNotificationService-[0-9a-f]{32}\.pem$/
    )
    assert.match(served.pem, /^-----BEGIN PUBLIC KEY-----\n/)
    assert.equal(served.signatureVersion, '1')
    assert.equal(served.topicArn, TOPIC_ARN)
    assert.equal(sandbox.pinpoint.sns.publicKeyPem, served.pem)

    const other = await sandboxWith()
    try {
      assert.notEqual(other.pinpoint.sns.signingCertUrl, served.signingCertUrl)
      assert.notEqual(other.pinpoint.sns.publicKeyPem, served.pem)
    } finally {
      await other.close()
    }
  })

  it('sends a signed SubscriptionConfirmation; GET on its SubscribeURL confirms with AWS XML', async () => {
    receiver = await startSnsReceiver(() => 200)
    const response = await subscribe(sandbox, receiver.url)
    assert.equal(response.status, 202)
    const created = (await response.json()) as Record<string, unknown>
    assert.equal(created.state, 'pending')
    assert.equal(created.topicArn, TOPIC_ARN)
    assert.deepEqual(await subscriptionStates(sandbox), ['pending'])

    await receiver.waitFor((requests) => requests.length === 1)
    const [request] = receiver.requests as [ReceivedSnsRequest]
    const message = request.message
    assert.equal(request.method, 'POST')
    assert.equal(request.path, '/deliveryEvents')
    assert.equal(request.headers['content-type'], 'text/plain; charset=UTF-8')
    assert.equal(
      request.headers['x-amz-sns-message-type'],
      'SubscriptionConfirmation'
    )
    assert.equal(request.headers['x-amz-sns-message-id'], message.MessageId)
    assert.equal(request.headers['x-amz-sns-topic-arn'], TOPIC_ARN)
    assert.deepEqual(Object.keys(message), [
      'Type',
      'MessageId',
      'Token',
      'TopicArn',
      'Message',
      'SubscribeURL',
      'Timestamp',
      'SignatureVersion',
      'Signature',
      'SigningCertURL',
    ])
    assert.equal(message.Type, 'SubscriptionConfirmation')
    assert.match(message.MessageId!, UUID)
    assert.match(message.Token!, /^[0-9a-f]{64,}$/)
    assert.equal(message.TopicArn, TOPIC_ARN)
    assert.equal(
      message.Message,
      `You have chosen to subscribe to the topic ${TOPIC_ARN}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`
    )
    assert.equal(
      message.SubscribeURL,
      `${sandbox.pinpoint.endpoint}/_sns/confirm?TopicArn=${encodeURIComponent(TOPIC_ARN)}&Token=${message.Token}`
    )
    assert.equal(new Date(message.Timestamp!).toISOString(), message.Timestamp)
    assert.equal(message.SignatureVersion, '1')
    assert.equal(message.SigningCertURL, sandbox.pinpoint.sns.signingCertUrl)
    assert.ok(verifySnsMessage(message, keys), 'the signature verifies')
    assert.ok(
      !verifySnsMessage({ ...message, Token: `${message.Token}0` }, keys),
      'a changed Token breaks the signature'
    )

    const confirm = await fetch(message.SubscribeURL!)
    assert.equal(confirm.status, 200)
    assert.match(confirm.headers.get('content-type') ?? '', /^text\/xml/)
    const xml = await confirm.text()
    const arn = /<SubscriptionArn>([^<]+)<\/SubscriptionArn>/.exec(xml)?.[1]
    assert.match(
      xml,
      /^<ConfirmSubscriptionResponse xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/">\s*<ConfirmSubscriptionResult>/
    )
    assert.match(xml, /<RequestId>[0-9a-f-]{36}<\/RequestId>/)
    assert.match(arn ?? '', new RegExp(`^${TOPIC_ARN}:[0-9a-f-]{36}$`))
    const { subscriptions } = await json<{
      subscriptions: Record<string, unknown>[]
    }>(`${sandbox.pinpoint.endpoint}/_sns/subscriptions`)
    assert.equal(subscriptions.length, 1)
    assert.equal(subscriptions[0]!.state, 'confirmed')
    assert.equal(subscriptions[0]!.subscriptionArn, arn)
    assert.equal(subscriptions[0]!.endpoint, receiver.url)
    assert.equal(subscriptions[0]!.token, undefined, 'the token stays secret')

    assert.equal(
      (await fetch(message.SubscribeURL!)).status,
      200,
      'confirming twice is harmless, as on AWS'
    )
  })

  it('is confirmed end to end by a receiver that verifies and GETs the SubscribeURL', async () => {
    receiver = await startSnsReceiver(confirmingReceiver(() => keys))
    await subscribeConfirmed(sandbox, receiver)
    assert.equal(receiver.requests[0]?.status, 200)
    const answer = await subscribe(sandbox, receiver.url)
    assert.equal(answer.status, 200, 'subscribing a confirmed endpoint again')
    assert.equal(
      ((await answer.json()) as { confirmationSent: boolean }).confirmationSent,
      false
    )
    assert.equal(receiver.requests.length, 1)
  })

  it('refuses a wrong token or topic with SNS error XML', async () => {
    receiver = await startSnsReceiver(() => 200)
    await subscribe(sandbox, receiver.url)
    await receiver.waitFor((requests) => requests.length === 1)
    const url = new URL(receiver.requests[0]!.message.SubscribeURL!)
    url.searchParams.set('Token', 'f'.repeat(128))
    const badToken = await fetch(url)
    assert.equal(badToken.status, 400)
    assert.match(await badToken.text(), /<Code>InvalidParameter<\/Code>/)
    url.searchParams.set('TopicArn', `${TOPIC_ARN}-other`)
    const badTopic = await fetch(url)
    assert.equal(badTopic.status, 404)
    assert.match(await badTopic.text(), /<Code>NotFound<\/Code>/)
    assert.deepEqual(await subscriptionStates(sandbox), ['pending'])
  })

  it('checks the subscription request', async () => {
    const base = `${sandbox.pinpoint.endpoint}/_sns/subscriptions`
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(base, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body,
      })
    const ftp = await post(JSON.stringify({ endpoint: 'ftp://example.com/x' }))
    assert.equal(ftp.status, 400)
    assert.match(
      ((await ftp.json()) as { error: string }).error,
      /http or https/
    )
    assert.equal((await post(JSON.stringify({}))).status, 400)
    assert.equal(
      (await post(JSON.stringify({ endpoint: 'http://a/', protocol: 'sqs' })))
        .status,
      400
    )
    assert.equal(
      (
        await fetch(base, {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain' },
          body: '{}',
        })
      ).status,
      415
    )
    assert.equal(
      (
        await post(JSON.stringify({ endpoint: 'http://127.0.0.1:1/x' }), {
          Origin: 'https://evil.example',
        })
      ).status,
      403
    )
    assert.deepEqual(await subscriptionStates(sandbox), [])
  })
})

for (const signatureVersion of ['1', '2'] as const) {
  describe(`delivery events as SNS Notifications (SignatureVersion ${signatureVersion})`, () => {
    let sandbox: TestSandbox
    let keys: Map<string, string>
    let receiver: SnsReceiver
    before(async () => {
      sandbox = await sandboxWith({ snsSignatureVersion: signatureVersion })
      keys = await fetchSigningKeys(sandbox.pinpoint.endpoint)
      receiver = await startSnsReceiver(confirmingReceiver(() => keys))
      await subscribeConfirmed(sandbox, receiver)
    })
    after(async () => {
      await receiver.close()
      await sandbox.close()
    })

    const context = { mmsMessageId: 'msg_123', 'tenant.id': 'acme' }

    it('publishes MEDIA_PENDING, MEDIA_SUCCESSFUL, MEDIA_DELIVERED for the success number', async () => {
      const { MessageId } = await sandbox.send({
        ConfigurationSetName: DEFAULT_CONFIGURATION_SET,
        Context: context,
      })
      await receiver.waitFor(
        (requests) =>
          notifications(requests).filter(
            (r) => eventOf(r).messageId === MessageId
          ).length === 3
      )
      const received = notifications(receiver.requests).filter(
        (r) => eventOf(r).messageId === MessageId
      )
      const subscriptionArn =
        sandbox.pinpoint.sns.subscriptions()[0]!.subscriptionArn
      for (const request of received) {
        const { message, headers } = request
        assert.ok(verifySnsMessage(message, keys), 'the signature verifies')
        assert.ok(
          !verifySnsMessage(
            {
              ...message,
              Message: message.Message!.replace('msg_123', 'msg_124'),
            },
            keys
          ),
          'a changed Message breaks the signature'
        )
        assert.equal(message.SignatureVersion, signatureVersion)
        assert.deepEqual(Object.keys(message), [
          'Type',
          'MessageId',
          'TopicArn',
          'Message',
          'Timestamp',
          'SignatureVersion',
          'Signature',
          'SigningCertURL',
          'UnsubscribeURL',
        ])
        assert.equal(message.Subject, undefined)
        assert.equal(message.TopicArn, TOPIC_ARN)
        assert.match(message.MessageId!, UUID)
        assert.equal(
          message.UnsubscribeURL,
          `${sandbox.pinpoint.endpoint}/_sns/unsubscribe?SubscriptionArn=${encodeURIComponent(subscriptionArn)}`
        )
        assert.equal(headers['x-amz-sns-message-type'], 'Notification')
        assert.equal(headers['x-amz-sns-message-id'], message.MessageId)
        assert.equal(headers['x-amz-sns-topic-arn'], TOPIC_ARN)
        assert.equal(headers['x-amz-sns-subscription-arn'], subscriptionArn)
        assert.equal(headers['content-type'], 'text/plain; charset=UTF-8')
      }
      assert.equal(
        new Set(received.map((r) => r.message.MessageId)).size,
        3,
        'each event is its own SNS message'
      )

      const events = received.map(eventOf)
      assert.deepEqual(
        events.map((e) => [e.eventType, e.messageStatus, e.isFinal]),
        [
          ['MEDIA_PENDING', 'PENDING', false],
          ['MEDIA_SUCCESSFUL', 'SUCCESSFUL', false],
          ['MEDIA_DELIVERED', 'DELIVERED', true],
        ]
      )
      const [inboxMessage] = sandbox.pinpoint
        .inbox()
        .filter((m) => m.messageId === MessageId)
      for (const event of events) {
        assert.deepEqual(event.context, context)
        assert.equal(event.eventVersion, '1.0')
        assert.equal(event.originationPhoneNumber, DEFAULT_ORIGINATION_IDENTITY)
        assert.equal(event.destinationPhoneNumber, SIMULATOR_SUCCESS_NUMBER)
        assert.equal(event.isoCountryCode, 'US')
        assert.equal(event.isInternationalSend, false)
        assert.deepEqual([event.mcc, event.mnc], ['310', '410'])
        assert.equal(event.carrierName, 'Sandbox Wireless')
        assert.equal(event.messageType, 'TRANSACTIONAL')
        assert.equal(event.totalMessageParts, 1)
        assert.equal(typeof event.messageStatusDescription, 'string')
        assert.equal(
          event.messageRequestTimestamp,
          Date.parse(inboxMessage!.receivedAt)
        )
        assert.ok(
          (event.eventTimestamp as number) >=
            (event.messageRequestTimestamp as number)
        )
      }
      assert.deepEqual(
        events.map((e) => e.totalMessagePrice),
        [0, 0, 0.022]
      )
      assert.deepEqual(
        events.map((e) => e.totalCarrierFee),
        [0, 0, 0.005]
      )
      const timestamps = events.map((e) => e.eventTimestamp as number)
      assert.deepEqual(
        timestamps,
        [...timestamps].sort((a, b) => a - b)
      )
    })

    it('publishes MEDIA_PENDING then MEDIA_UNREACHABLE for the failure number', async () => {
      const { MessageId } = await sandbox.send({
        DestinationPhoneNumber: SIMULATOR_FAILURE_NUMBER,
        ConfigurationSetName: DEFAULT_CONFIGURATION_SET,
        Context: context,
      })
      await receiver.waitFor((requests) =>
        notifications(requests).some(
          (r) =>
            eventOf(r).messageId === MessageId && eventOf(r).isFinal === true
        )
      )
      await sleep(50)
      const received = notifications(receiver.requests).filter(
        (r) => eventOf(r).messageId === MessageId
      )
      assert.ok(received.every((r) => verifySnsMessage(r.message, keys)))
      const events = received.map(eventOf)
      assert.deepEqual(
        events.map((e) => [e.eventType, e.messageStatus, e.isFinal]),
        [
          ['MEDIA_PENDING', 'PENDING', false],
          ['MEDIA_UNREACHABLE', 'UNREACHABLE', true],
        ]
      )
      assert.match(String(events[1]!.messageStatusDescription), /unreachable/i)
      assert.deepEqual(events[1]!.context, context)
      assert.equal(events[1]!.destinationPhoneNumber, SIMULATOR_FAILURE_NUMBER)
    })
  })
}

describe('which sends publish delivery events', () => {
  let sandbox: TestSandbox
  let receiver: SnsReceiver
  before(async () => {
    sandbox = await sandboxWith()
    const keys = await fetchSigningKeys(sandbox.pinpoint.endpoint)
    receiver = await startSnsReceiver(confirmingReceiver(() => keys))
    await subscribeConfirmed(sandbox, receiver)
  })
  after(async () => {
    await receiver.close()
    await sandbox.close()
  })

  it('publishes nothing without a configuration set, for a dry run, or for an opted-out number', async () => {
    await sandbox.send({ Context: { mmsMessageId: 'no-config-set' } })
    await sandbox.send({
      ConfigurationSetName: DEFAULT_CONFIGURATION_SET,
      DryRun: true,
    })
    await assert.rejects(
      sandbox.send({
        DestinationPhoneNumber: SIMULATOR_OPTED_OUT_NUMBER,
        ConfigurationSetName: DEFAULT_CONFIGURATION_SET,
      }),
      ConflictException
    )
    const { MessageId } = await sandbox.send({
      ConfigurationSetName: DEFAULT_CONFIGURATION_SET,
    })
    await receiver.waitFor((requests) => notifications(requests).length === 3)
    await sleep(100)
    const events = notifications(receiver.requests).map(eventOf)
    assert.deepEqual(
      [...new Set(events.map((e) => e.messageId))],
      [MessageId],
      'only the send naming a configuration set published events'
    )
    const deliveries = await json<DeliveriesJson>(
      `${sandbox.pinpoint.endpoint}/_sns/deliveries.json`
    )
    assert.deepEqual(
      deliveries.deliveries.map((d) => [d.type, d.eventType, d.state]),
      [
        ['SubscriptionConfirmation', null, 'delivered'],
        ['Notification', 'MEDIA_PENDING', 'delivered'],
        ['Notification', 'MEDIA_SUCCESSFUL', 'delivered'],
        ['Notification', 'MEDIA_DELIVERED', 'delivered'],
      ]
    )
  })

  it('lists every accepted message with its MessageId and Context in the inbox JSON', async () => {
    sandbox.pinpoint.clearInbox()
    const sent = []
    for (const id of ['m-1', 'm-2', 'm-3']) {
      sent.push(
        (
          await sandbox.send({
            ConfigurationSetName: DEFAULT_CONFIGURATION_SET,
            Context: { mmsMessageId: id },
          })
        ).MessageId
      )
    }
    await sandbox.send({ DryRun: true, Context: { mmsMessageId: 'm-1' } })
    const inbox = await json<{
      messages: {
        messageId: string
        context: Record<string, string>
        dryRun: boolean
      }[]
    }>(`${sandbox.pinpoint.endpoint}/_sandbox/inbox.json`)
    const accepted = inbox.messages.filter((m) => !m.dryRun)
    assert.deepEqual(
      accepted.map((m) => [m.messageId, m.context.mmsMessageId]),
      [
        [sent[0], 'm-1'],
        [sent[1], 'm-2'],
        [sent[2], 'm-3'],
      ]
    )
  })
})

describe('delivery to subscribers: retries, ordering and bounds', () => {
  it('retries a 500 with the same MessageId and body, and keeps each message in order', async () => {
    const log: string[] = []
    const sandbox = await sandboxWith({ log: (line) => log.push(line) })
    const keys = await fetchSigningKeys(sandbox.pinpoint.endpoint)
    const seen = new Set<string>()
    // Fails the first attempt of every notification, as a briefly broken app would.
    const receiver = await startSnsReceiver(
      confirmingReceiver(
        () => keys,
        (request) => {
          const id = request.headers['x-amz-sns-message-id'] as string
          if (seen.has(id)) return 200
          seen.add(id)
          return 500
        }
      )
    )
    try {
      await subscribeConfirmed(sandbox, receiver)
      const { MessageId } = await sandbox.send({
        ConfigurationSetName: DEFAULT_CONFIGURATION_SET,
        Context: { mmsMessageId: 'retried' },
      })
      await receiver.waitFor((requests) => notifications(requests).length === 6)
      const received = notifications(receiver.requests)
      assert.deepEqual(
        received.map((r) => [eventOf(r).eventType, r.status]),
        [
          ['MEDIA_PENDING', 500],
          ['MEDIA_PENDING', 200],
          ['MEDIA_SUCCESSFUL', 500],
          ['MEDIA_SUCCESSFUL', 200],
          ['MEDIA_DELIVERED', 500],
          ['MEDIA_DELIVERED', 200],
        ],
        'a later event waits until the earlier one got through'
      )
      for (let i = 0; i < received.length; i += 2) {
        assert.equal(received[i]!.body, received[i + 1]!.body, 'same body')
        assert.equal(
          received[i]!.headers['x-amz-sns-message-id'],
          received[i + 1]!.headers['x-amz-sns-message-id']
        )
        assert.ok(verifySnsMessage(received[i + 1]!.message, keys))
      }
      assert.deepEqual(
        receiver.acceptedEvents().map((e) => [e.messageId, e.eventType]),
        [
          [MessageId, 'MEDIA_PENDING'],
          [MessageId, 'MEDIA_SUCCESSFUL'],
          [MessageId, 'MEDIA_DELIVERED'],
        ]
      )

      const { deliveries } = await json<DeliveriesJson>(
        `${sandbox.pinpoint.endpoint}/_sns/deliveries.json`
      )
      const notified = deliveries.filter((d) => d.type === 'Notification')
      assert.deepEqual(
        notified.map((d) => [
          d.eventType,
          d.messageId,
          d.endpoint,
          d.state,
          d.attempts,
          d.statuses,
          d.status,
        ]),
        ['MEDIA_PENDING', 'MEDIA_SUCCESSFUL', 'MEDIA_DELIVERED'].map((type) => [
          type,
          MessageId,
          receiver.url,
          'delivered',
          2,
          [500, 200],
          200,
        ])
      )
      assert.deepEqual(
        notified.map((d) => d.snsMessageId),
        received.filter((_, i) => i % 2 === 0).map((r) => r.message.MessageId)
      )
      assert.ok(
        log.some((line) => /HTTP 500 on attempt 1; retrying/.test(line))
      )
      assert.ok(
        log.every((line) => !line.includes(SIMULATOR_SUCCESS_NUMBER)),
        'no phone number in the log'
      )
    } finally {
      await receiver.close()
      await sandbox.close()
    }
  })

  it('gives up after the last attempt, and retries network errors too', async () => {
    const sandbox = await sandboxWith({
      snsDelivery: { retryDelayMs: 5, maxAttempts: 3, timeoutMs: 2000 },
    })
    const keys = await fetchSigningKeys(sandbox.pinpoint.endpoint)
    const receiver = await startSnsReceiver(
      confirmingReceiver(
        () => keys,
        () => 503
      )
    )
    // A port with nothing listening: connection refused.
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number }
        probe.close(() => resolve(port))
      })
    })
    try {
      await subscribeConfirmed(sandbox, receiver)
      assert.equal(
        (await subscribe(sandbox, `http://127.0.0.1:${closedPort}/events`))
          .status,
        202
      )
      await sandbox.send({ ConfigurationSetName: DEFAULT_CONFIGURATION_SET })
      const deliveriesUrl = `${sandbox.pinpoint.endpoint}/_sns/deliveries.json`
      await waitUntil(
        async () =>
          (await json<DeliveriesJson>(deliveriesUrl)).deliveries.filter(
            (d) => d.state === 'failed'
          ).length === 4
      )
      const { deliveries } = await json<DeliveriesJson>(deliveriesUrl)
      const failed = deliveries.filter((d) => d.state === 'failed')
      const refused = failed.find((d) => d.type === 'SubscriptionConfirmation')!
      assert.equal(refused.attempts, 3)
      assert.deepEqual(refused.statuses, [null, null, null])
      assert.equal(refused.error, 'ECONNREFUSED')
      const rejected = failed.filter((d) => d.type === 'Notification')
      assert.deepEqual(
        rejected.map((d) => [d.eventType, d.attempts, d.statuses]),
        ['MEDIA_PENDING', 'MEDIA_SUCCESSFUL', 'MEDIA_DELIVERED'].map((type) => [
          type,
          3,
          [503, 503, 503],
        ])
      )
      assert.equal(notifications(receiver.requests).length, 9)
    } finally {
      await receiver.close()
      await sandbox.close()
    }
  })

  it('never lets a dead endpoint slow the API or hold more than its bound', async () => {
    const log: string[] = []
    const sandbox = await sandboxWith({
      log: (line) => log.push(line),
      snsDelivery: {
        timeoutMs: 60_000,
        maxPending: 4,
        concurrencyPerSubscription: 1,
      },
    })
    const keys = await fetchSigningKeys(sandbox.pinpoint.endpoint)
    const receiver = await startSnsReceiver(
      confirmingReceiver(
        () => keys,
        () => 'hang'
      )
    )
    try {
      await subscribeConfirmed(sandbox, receiver)
      const started = Date.now()
      for (let i = 0; i < 10; i++) {
        await sandbox.send({
          ConfigurationSetName: DEFAULT_CONFIGURATION_SET,
          Context: { mmsMessageId: `m-${i}` },
        })
      }
      assert.ok(Date.now() - started < 2000, 'sends are not held up')
      const deliveriesUrl = `${sandbox.pinpoint.endpoint}/_sns/deliveries.json`
      await waitUntil(
        async () =>
          (await json<DeliveriesJson>(deliveriesUrl)).deliveries.filter(
            (d) => d.type === 'Notification'
          ).length === 30
      )
      const state = await json<DeliveriesJson>(deliveriesUrl)
      assert.equal(state.inFlight, 1)
      assert.equal(state.pending, 4)
      const dropped = state.deliveries.filter((d) => d.state === 'dropped')
      assert.equal(dropped.length, 25)
      assert.ok(log.some((line) => /dropped the oldest/.test(line)))
      assert.equal(notifications(receiver.requests).length, 1)

      sandbox.pinpoint.reset()
      const afterReset = await json<DeliveriesJson>(deliveriesUrl)
      assert.deepEqual(
        [afterReset.pending, afterReset.inFlight, afterReset.count],
        [0, 0, 0]
      )
      assert.deepEqual(sandbox.pinpoint.sns.subscriptions(), [])
    } finally {
      await receiver.close()
      await sandbox.close()
    }
  })
})

describe('ending a subscription', () => {
  it('stops notifications after a GET on the UnsubscribeURL, and its UnsubscribeConfirmation restores it', async () => {
    const sandbox = await sandboxWith()
    const keys = await fetchSigningKeys(sandbox.pinpoint.endpoint)
    const receiver = await startSnsReceiver(confirmingReceiver(() => keys))
    try {
      await subscribeConfirmed(sandbox, receiver)
      await sandbox.send({ ConfigurationSetName: DEFAULT_CONFIGURATION_SET })
      await receiver.waitFor((r) => notifications(r).length === 3)
      const unsubscribe = await fetch(
        notifications(receiver.requests)[0]!.message.UnsubscribeURL!
      )
      assert.equal(unsubscribe.status, 200)
      assert.match(await unsubscribe.text(), /<UnsubscribeResponse /)
      assert.deepEqual(await subscriptionStates(sandbox), ['unsubscribed'])
      await receiver.waitFor((r) =>
        r.some((request) => request.message.Type === 'UnsubscribeConfirmation')
      )
      const goodbye = receiver.requests.find(
        (r) => r.message.Type === 'UnsubscribeConfirmation'
      )!
      assert.ok(verifySnsMessage(goodbye.message, keys))
      assert.equal(
        goodbye.headers['x-amz-sns-subscription-arn'],
        sandbox.pinpoint.sns.subscriptions()[0]!.subscriptionArn
      )

      await sandbox.send({ ConfigurationSetName: DEFAULT_CONFIGURATION_SET })
      await sleep(100)
      assert.equal(notifications(receiver.requests).length, 3)

      assert.equal((await fetch(goodbye.message.SubscribeURL!)).status, 200)
      assert.deepEqual(await subscriptionStates(sandbox), ['confirmed'])
      await sandbox.send({ ConfigurationSetName: DEFAULT_CONFIGURATION_SET })
      await receiver.waitFor((r) => notifications(r).length === 6)

      const cleared = await fetch(
        `${sandbox.pinpoint.endpoint}/_sns/subscriptions`,
        { method: 'DELETE' }
      )
      assert.deepEqual(await cleared.json(), { deleted: 1 })
      assert.deepEqual(await subscriptionStates(sandbox), [])
    } finally {
      await receiver.close()
      await sandbox.close()
    }
  })

  it('stops events not yet published when the sandbox is reset', async () => {
    const sandbox = await sandboxWith({ eventDelayMs: 150 })
    const keys = await fetchSigningKeys(sandbox.pinpoint.endpoint)
    const receiver = await startSnsReceiver(confirmingReceiver(() => keys))
    try {
      await subscribeConfirmed(sandbox, receiver)
      await sandbox.send({ ConfigurationSetName: DEFAULT_CONFIGURATION_SET })
      await receiver.waitFor((r) => notifications(r).length === 1)
      sandbox.pinpoint.reset()
      assert.deepEqual(sandbox.pinpoint.sns.subscriptions(), [])
      // Subscribed again at once: only the cancelled events could reach it now.
      await subscribeConfirmed(sandbox, receiver)
      await sleep(400)
      assert.deepEqual(
        notifications(receiver.requests).map((r) => eventOf(r).eventType),
        ['MEDIA_PENDING']
      )
    } finally {
      await receiver.close()
      await sandbox.close()
    }
  })
})
