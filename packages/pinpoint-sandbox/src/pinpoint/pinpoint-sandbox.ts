import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'

import { sendControlError } from '../http/http-utils.ts'
import { DEFAULT_HOST, DEFAULT_S3_PORT } from '../s3/local-s3.ts'
import {
  createSandboxS3Client,
  SANDBOX_CREDENTIALS,
  type SandboxCredentials,
} from '../s3/sandbox-s3-client.ts'
import {
  DEFAULT_EVENT_DELAY_MS,
  DeliveryEventScheduler,
} from '../sns/delivery-events.ts'
import type { DeliveryOptions, DeliveryRecord } from '../sns/publisher.ts'
import { SIGNATURE_VERSIONS, type SignatureVersion } from '../sns/signing.ts'
import { snsRoutes } from '../sns/sns-routes.ts'
import {
  defaultTopicArn,
  SnsTopic,
  type SubscriptionView,
} from '../sns/sns-topic.ts'

import { handleApiRequest, type ApiState } from './api-handler.ts'
import { controlRoutes, runControlRoute } from './control-api.ts'
import {
  FaultInjector,
  parseFaultPatch,
  type FaultPatch,
  type FaultSettings,
} from './faults.ts'
import { Inbox, type InboxMessage } from './inbox.ts'
import { serveMedia } from './media-route.ts'
import {
  OriginationIdentities,
  type OriginationIdentity,
} from './origination-identities.ts'
import { SlidingWindowRateLimiter } from './rate-limiter.ts'
import {
  DEFAULT_CONFIGURATION_SET,
  DEFAULT_ORIGINATION_IDENTITY,
  SIMULATOR_FAILURE_NUMBER,
  SIMULATOR_OPTED_OUT_NUMBER,
  SIMULATOR_SUCCESS_NUMBER,
  toE164,
} from './simulator-numbers.ts'
import { emptyStats, resetStats, type SandboxStats } from './stats.ts'

export const DEFAULT_PINPOINT_PORT = 4575
export const DEFAULT_MESSAGES_PER_SECOND = 3
export const DEFAULT_REGION = 'us-east-1'
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-[0-9]+$/

export interface PinpointSandboxOptions {
  /** TCP port; 0 picks a free one. Default 4575. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Local S3 the media is read from. Default http://127.0.0.1:4569. */
  s3Endpoint?: string
  /** Credentials for reading media from the local S3. Default sandbox/sandbox. */
  s3Credentials?: SandboxCredentials
  /** Origination identities that exist (phone numbers, ids, ARNs, sender ids, pools). Default ['+18445550100']. */
  originationIdentities?: string[]
  /** Configuration sets that exist. Default ['mms-events']. */
  configurationSets?: string[]
  /** The Region the sandbox stands for, in ARNs. Default us-east-1. */
  region?: string
  /** Limit per origination identity, in messages per second; 0 = unlimited. Default 3 (US toll-free). */
  messagesPerSecond?: number
  /** Limits of single identities, overriding `messagesPerSecond` (e.g. `{ '+18445550100': 20 }`). */
  messagesPerSecondByIdentity?: Record<string, number>
  /** NumberType that DescribePhoneNumbers reports per phone number; default TOLL_FREE for +1 800/833/844/855/866/877/888, else LONG_CODE. */
  numberTypes?: Record<string, string>
  /** Destinations answered with ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT. Default ['+14254147000']. */
  optedOutNumbers?: string[]
  /** Destinations whose accepted messages are marked FAILED. Default ['+14254147167']. */
  failureNumbers?: string[]
  /** The SNS topic delivery events are published to. Default arn:aws:sns:<region>:000000000000:mms-delivery-events. */
  snsTopicArn?: string
  /** '1' (SHA1withRSA, a topic's default on AWS) or '2' (SHA256withRSA). Default '1'. */
  snsSignatureVersion?: SignatureVersion
  /** Time before a message's first delivery event and between its later ones; 0 allowed. Default 400 ms. */
  eventDelayMs?: number
  /** Retries, timeouts and queue bounds of deliveries to SNS subscribers. */
  snsDelivery?: Partial<DeliveryOptions>
  /** Fault injection at start; `reset()` returns to these. Default: none, random seed. */
  faults?: FaultPatch
  /** Receives one line per API request (no phone numbers or message text). Default: silent. */
  log?: (line: string) => void
}

/** The SNS topic that carries delivery events to HTTP/S subscribers. */
export interface SandboxSns {
  topicArn: string
  /** Where a receiver would fetch the signing certificate; `publicKeyPem` is what it holds. */
  signingCertUrl: string
  publicKeyPem: string
  signatureVersion: SignatureVersion
  /** Like POST /_sns/subscriptions: pending until the endpoint GETs the SubscribeURL it is sent. */
  subscribe(endpoint: string): SubscriptionView
  subscriptions(): SubscriptionView[]
  clearSubscriptions(): number
  /** Recent deliveries to subscribers, oldest first. */
  deliveries(): DeliveryRecord[]
}

export interface PinpointSandbox {
  /** e.g. http://127.0.0.1:4575; pass as `endpoint` or AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2. */
  endpoint: string
  /** The HTML inbox, e.g. http://127.0.0.1:4575/inbox */
  inboxUrl: string
  port: number
  region: string
  faults(): FaultSettings
  /** Merges a patch into the fault settings (validated like POST /_sandbox/faults). */
  setFaults(patch: FaultPatch): FaultSettings
  /** Clears inbox, stats, rate-limit windows, SNS subscriptions and pending events; restores the start-time fault settings and seed. */
  reset(): void
  inbox(filter?: { destination?: string }): InboxMessage[]
  clearInbox(): void
  /** Each origination identity with its messages-per-second limit (and, for a phone number, its id and ARN). */
  originationIdentities(): OriginationIdentity[]
  sns: SandboxSns
  stats(): SandboxStats
  stop(): Promise<void>
}

function normalizedSet(numbers: string[]): Set<string> {
  return new Set(numbers.map(toE164))
}

export async function startPinpointSandbox(
  options: PinpointSandboxOptions = {}
): Promise<PinpointSandbox> {
  const {
    port = DEFAULT_PINPOINT_PORT,
    host = DEFAULT_HOST,
    s3Endpoint = `http://${DEFAULT_HOST}:${DEFAULT_S3_PORT}`,
    s3Credentials = SANDBOX_CREDENTIALS,
    originationIdentities = [DEFAULT_ORIGINATION_IDENTITY],
    configurationSets = [DEFAULT_CONFIGURATION_SET],
    region = DEFAULT_REGION,
    messagesPerSecond = DEFAULT_MESSAGES_PER_SECOND,
    messagesPerSecondByIdentity = {},
    optedOutNumbers = [SIMULATOR_OPTED_OUT_NUMBER],
    failureNumbers = [SIMULATOR_FAILURE_NUMBER],
    snsTopicArn = defaultTopicArn(region),
    snsSignatureVersion = '1',
    eventDelayMs = DEFAULT_EVENT_DELAY_MS,
    log = () => {},
  } = options
  if (!REGION_PATTERN.test(region)) {
    throw new RangeError(
      `region must look like us-east-1, got ${JSON.stringify(region)}`
    )
  }
  const identities = new OriginationIdentities({
    identities: originationIdentities,
    region,
    messagesPerSecond,
    messagesPerSecondByIdentity,
    numberTypes: options.numberTypes,
    createdAt: new Date(),
  })
  if (!SIGNATURE_VERSIONS.includes(snsSignatureVersion)) {
    throw new RangeError(
      `snsSignatureVersion must be '1' or '2', got ${JSON.stringify(snsSignatureVersion)}`
    )
  }
  if (
    !Number.isInteger(eventDelayMs) ||
    eventDelayMs < 0 ||
    eventDelayMs > 600_000
  ) {
    throw new RangeError(
      `eventDelayMs must be an integer from 0 to 600000, got ${eventDelayMs}`
    )
  }
  const initialFaults = parseFaultPatch(options.faults ?? {})
  let endpoint = ''
  const topic = await SnsTopic.create({
    topicArn: snsTopicArn,
    signatureVersion: snsSignatureVersion,
    baseUrl: () => endpoint,
    delivery: options.snsDelivery,
    log,
  })
  const events = new DeliveryEventScheduler(eventDelayMs, (record) =>
    topic.publish(JSON.stringify(record), {
      orderKey: record.messageId,
      eventType: record.eventType,
      messageId: record.messageId,
    })
  )

  const s3 = createSandboxS3Client({
    endpoint: s3Endpoint,
    credentials: s3Credentials,
  })
  const stopController = new AbortController()
  const inbox = new Inbox()
  const faults = new FaultInjector(initialFaults)
  const rateLimiter = new SlidingWindowRateLimiter((identity) =>
    identities.rateOf(identity)
  )
  const stats = emptyStats()

  const apiState: ApiState = {
    stats,
    faults,
    inbox,
    stopSignal: stopController.signal,
    log,
    // AWS reports events only for sends that name a configuration set (each has the topic as its event destination here).
    onMessageAccepted: (message) => {
      if (message.dryRun || message.configurationSetName === null) return
      const identity = identities.resolve(message.originationIdentity)
      events.schedule(
        message,
        identity?.phoneNumber?.phoneNumber ?? message.originationIdentity
      )
    },
    env: {
      originationIdentities: identities,
      configurationSets: new Set(configurationSets),
      optedOutNumbers: normalizedSet(optedOutNumbers),
      failureNumbers: normalizedSet(failureNumbers),
      rateLimiter,
      s3,
      s3Endpoint,
    },
  }

  const snapshotStats = (): SandboxStats => structuredClone(stats)
  const reset = () => {
    events.cancelAll()
    topic.reset()
    inbox.clear()
    rateLimiter.reset()
    faults.reset()
    resetStats(stats)
  }

  const routes = controlRoutes({
    inbox,
    faults,
    stats: snapshotStats,
    reset,
    config: () => ({
      endpoint,
      s3Endpoint,
      region,
      originationIdentities,
      configurationSets,
      messagesPerSecond,
      messagesPerSecondByIdentity: Object.fromEntries(
        identities
          .list()
          .map((identity) => [identity.identity, identity.messagesPerSecond])
      ),
      optedOutNumbers: [...apiState.env.optedOutNumbers],
      failureNumbers: [...apiState.env.failureNumbers],
      simulatorNumbers: {
        success: SIMULATOR_SUCCESS_NUMBER,
        failure: SIMULATOR_FAILURE_NUMBER,
        optedOut: SIMULATOR_OPTED_OUT_NUMBER,
      },
      sns: {
        topicArn: topic.topicArn,
        signatureVersion: topic.signatureVersion,
        signingCertUrl: topic.signingCertUrl,
        eventDelayMs,
      },
    }),
  })
  for (const [path, route] of snsRoutes(topic)) routes.set(path, route)

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid')
    if (url.pathname === '/' && req.method === 'POST')
      return handleApiRequest(req, res, apiState)
    if (url.pathname === '/_sandbox/media') {
      if (req.method === 'GET' || req.method === 'HEAD')
        return serveMedia(req, res, url, s3)
      return sendControlError(
        res,
        405,
        `${req.method} is not allowed on ${url.pathname}`,
        { Allow: 'GET, HEAD' }
      )
    }
    const route = routes.get(url.pathname)
    if (!route)
      return sendControlError(
        res,
        404,
        `not found: ${req.method} ${url.pathname}`
      )
    const handler = route[req.method ?? '']
    if (!handler) {
      const allowed = [
        ...Object.keys(route),
        ...(url.pathname === '/' ? ['POST'] : []),
      ].join(', ')
      return sendControlError(
        res,
        405,
        `${req.method} is not allowed on ${url.pathname} (allowed: ${allowed})`,
        {
          Allow: allowed,
        }
      )
    }
    return runControlRoute(handler, req, res, url)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(
        `unexpected error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`
      )
      sendControlError(res, 500, 'the sandbox failed unexpectedly; see its log')
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  endpoint = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= new Promise<void>((resolve, reject) => {
      stopController.abort(new Error('the sandbox is stopping'))
      events.cancelAll()
      topic.stop()
      server.close((error) => (error ? reject(error) : resolve()))
      // Hung requests never end by themselves; cut every connection.
      server.closeAllConnections()
    }).finally(() => s3.destroy())
    return stopping
  }

  return {
    endpoint,
    inboxUrl: `${endpoint}/inbox`,
    port: address.port,
    region,
    faults: () => faults.settings(),
    setFaults: (patch) => faults.update(parseFaultPatch(patch)),
    reset,
    inbox: (filter) =>
      inbox.list(
        filter?.destination ? { destination: toE164(filter.destination) } : {}
      ),
    clearInbox: () => inbox.clear(),
    originationIdentities: () => identities.list(),
    sns: {
      topicArn: topic.topicArn,
      signingCertUrl: topic.signingCertUrl,
      publicKeyPem: topic.publicKeyPem,
      signatureVersion: topic.signatureVersion,
      subscribe: (subscriber) => topic.subscribe(subscriber).subscription,
      subscriptions: () => topic.subscriptions(),
      clearSubscriptions: () => topic.clearSubscriptions(),
      deliveries: () => topic.deliveries().deliveries,
    },
    stats: snapshotStats,
    stop,
  }
}
