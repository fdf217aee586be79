import { maskPhoneNumber } from '@mms/rules'
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'

import { logger as rootLogger } from 'src/lib/logger'

import type { DeliveryEventsConfig } from './config'
import { isMediaEvent, parseEventRecord } from './eventRecord'
import { recordDeliveryEvent, type RecordOutcome } from './recordDeliveryEvent'
import { sandboxSigningKey } from './sandboxSigningKey'
import {
  MAX_ENVELOPE_BYTES,
  parseSnsEnvelope,
  type SnsNotification,
  type SnsSubscriptionMessage,
} from './snsEnvelope'
import { createSnsVerifier, type SnsVerifier } from './snsVerification'
import {
  confirmSubscription,
  isTrustedSubscribeUrl,
} from './subscriptionConfirmation'

type Logger = typeof rootLogger

export interface DeliveryEventsOptions {
  config: DeliveryEventsConfig
  db: Parameters<typeof recordDeliveryEvent>[0]
  verifier?: SnsVerifier
  /** Used to confirm subscriptions and to read the sandbox's signing key. */
  fetchImpl?: typeof fetch
  logger?: Logger
}

const answer = (
  statusCode: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {}
): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

const refuse = (statusCode: number, error: string) =>
  answer(statusCode, { error })

const headerOf = (event: APIGatewayProxyEvent, name: string) => {
  const key = Object.keys(event.headers ?? {}).find(
    (header) => header.toLowerCase() === name
  )
  return key ? event.headers[key] : undefined
}

// SNS posts the JSON as text/plain; the gateway may hand it over in base64.
const rawBodyOf = (event: APIGatewayProxyEvent): string => {
  const body = event.body ?? ''
  return event.isBase64Encoded
    ? Buffer.from(body, 'base64').toString('utf8')
    : body
}

const OUTCOME_RESULTS: Record<RecordOutcome['outcome'], string> = {
  RECORDED: 'recorded',
  DUPLICATE: 'duplicate',
  UNMATCHED: 'unmatched',
}

/**
 * The HTTPS endpoint of the SNS topic that receives the configuration set's
 * delivery events. Every message must come from an allowed topic and carry a
 * valid SNS signature before anything else is done with it. Answers 4xx for a
 * message that will never be accepted (SNS does not retry those) and 5xx when
 * trying again later can succeed.
 */
export const createDeliveryEventsHandler = ({
  config,
  db,
  verifier = createSnsVerifier(),
  fetchImpl = fetch,
  logger = rootLogger,
}: DeliveryEventsOptions) => {
  const log = logger.child({ endpoint: 'deliveryEvents' })
  const allowedTopics = new Set(config.topicArns)
  const sandboxKey = config.sandboxOrigin
    ? sandboxSigningKey(config.sandboxOrigin, verifier, fetchImpl)
    : null
  let toldDisabled = false

  const onSubscription = async (message: SnsSubscriptionMessage) => {
    const about = {
      topicArn: message.TopicArn,
      snsMessageId: message.MessageId,
    }
    if (message.Type === 'UnsubscribeConfirmation') {
      log.warn(about, 'The endpoint was unsubscribed from an allowed topic')
      return answer(200, { result: 'noted' })
    }
    if (
      !isTrustedSubscribeUrl(
        message.SubscribeURL,
        message.TopicArn,
        config.sandboxOrigin
      )
    ) {
      log.warn(
        about,
        'Subscription not confirmed: its SubscribeURL is not on the SNS host of the topic'
      )
      return refuse(400, 'SubscribeURL is not an SNS address.')
    }
    const confirmation = await confirmSubscription(
      message.SubscribeURL,
      fetchImpl
    )
    if (confirmation.ok === false) {
      log.error(
        { ...about, detail: confirmation.detail },
        'Subscription not confirmed: SNS did not accept the confirmation'
      )
      return refuse(503, 'Could not confirm the subscription; try again.')
    }
    log.info(about, 'Subscription to the delivery events topic confirmed')
    return answer(200, { result: 'confirmed' })
  }

  const onNotification = async (notification: SnsNotification) => {
    const snsMessageId = notification.MessageId
    const parsed = parseEventRecord(notification.Message)
    if (parsed.ok === false) {
      log.warn(
        { snsMessageId, problem: parsed.problem },
        'Delivery event refused: not an event record'
      )
      return refuse(400, parsed.problem)
    }
    const { record } = parsed
    const about = {
      snsMessageId,
      eventType: record.eventType,
      providerMessageId: record.providerMessageId,
      mmsMessageId: record.mmsMessageId,
      destination: maskPhoneNumber(record.destinationPhoneNumber),
    }
    if (!isMediaEvent(record.eventType)) {
      log.info(about, 'Delivery event ignored: not about an MMS')
      return answer(200, { result: 'ignored' })
    }

    let recorded: RecordOutcome
    try {
      recorded = await recordDeliveryEvent(db, { snsMessageId, record })
    } catch (error) {
      log.error({ ...about, err: error }, 'Delivery event not recorded')
      return refuse(500, 'The event could not be recorded; try again.')
    }

    if (recorded.outcome === 'UNMATCHED') {
      log.warn(about, 'Delivery event for no known message; not recorded')
    } else if (recorded.outcome === 'DUPLICATE') {
      log.info(about, 'Delivery event already recorded')
    } else {
      if (recorded.otherProviderMessage) {
        log.warn(
          { ...about, mmsMessageId: recorded.mmsMessageId },
          'Delivery event for another provider message of this message (a repeated send); status left as it was'
        )
      }
      log.info(
        {
          ...about,
          mmsMessageId: recorded.mmsMessageId,
          movedTo: recorded.movedTo,
          recoveredProviderMessageId: recorded.recoveredProviderMessageId,
        },
        'Delivery event recorded'
      )
    }
    return answer(200, { result: OUTCOME_RESULTS[recorded.outcome] })
  }

  return async (
    event: APIGatewayProxyEvent
  ): Promise<APIGatewayProxyResult> => {
    if (event.httpMethod !== 'POST') {
      return answer(405, { error: 'Only POST.' }, { Allow: 'POST' })
    }
    if (allowedTopics.size === 0) {
      if (!toldDisabled) {
        toldDisabled = true
        log.warn(
          'Delivery events are refused: MMS_EVENTS_TOPIC_ARNS names no SNS topic'
        )
      }
      return refuse(403, 'Delivery events are not enabled.')
    }

    const body = rawBodyOf(event)
    if (Buffer.byteLength(body) > MAX_ENVELOPE_BYTES) {
      return refuse(413, 'The body is larger than an SNS message.')
    }
    const parsed = parseSnsEnvelope(body)
    if (parsed.ok === false) {
      log.warn({ problem: parsed.problem }, 'SNS message refused: malformed')
      return refuse(400, parsed.problem)
    }
    const message = parsed.envelope
    const about = {
      topicArn: message.TopicArn,
      snsMessageId: message.MessageId,
    }

    if (headerOf(event, 'x-amz-sns-message-type') !== message.Type) {
      log.warn(about, 'SNS message refused: its type header does not match')
      return refuse(400, 'x-amz-sns-message-type does not match Type.')
    }
    // Before any certificate is fetched: a stranger's topic costs nothing.
    if (!allowedTopics.has(message.TopicArn)) {
      log.warn(about, 'SNS message refused: topic not in MMS_EVENTS_TOPIC_ARNS')
      return refuse(403, 'Topic not allowed.')
    }

    if (sandboxKey) {
      try {
        await sandboxKey.ensureTrusted()
      } catch (error) {
        log.error(
          { ...about, err: error },
          "The sandbox's SNS signing key could not be read"
        )
        return refuse(503, 'The signing key is not available; try again.')
      }
    }
    const verification = await verifier.verify(message)
    if (verification.ok === false) {
      if (verification.reason === 'UNAVAILABLE') {
        log.error(
          { ...about, detail: verification.detail },
          'SNS message not checked: its signing certificate could not be had'
        )
        return refuse(
          503,
          'The signing certificate is not available; try again.'
        )
      }
      log.warn(
        { ...about, detail: verification.detail },
        'SNS message refused: signature not valid'
      )
      return refuse(403, 'Signature not valid.')
    }

    return message.Type === 'Notification'
      ? onNotification(message)
      : onSubscription(message)
  }
}
