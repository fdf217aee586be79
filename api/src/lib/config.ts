import {
  ORIGINATION_IDENTITY_PATTERN,
  S3_BUCKET_PATTERN,
  checkConfigurationSetName,
  isPhoneCountryCode,
} from '@mms/rules'

import { UPLOADS_PREFIX, unsafeKeyReason } from './mediaOwnership'

/** Sending limits when a user has no override of their own (lib/sendLimits). */
export interface SendLimitDefaults {
  userRatePerMinute: number
  userDailyQuota: number
  apiKeyRatePerMinute: number
  apiKeyDailyQuota: number
}

/** How the send queue behaves (lib/sendQueue). */
export interface SendQueueConfig {
  /** How long sendMms may wait for its message to be sent; 0 never waits. */
  sendWaitMs: number
  /** A message still queued this long after it was recorded fails. */
  ttlSeconds: number
  /** How long a worker's claim on a message lasts before another may take it. */
  leaseMs: number
  /** Messages one worker process sends at the same time. */
  workerConcurrency: number
  /** How often an idle worker looks for due messages written by other processes. */
  pollMs: number
  /** Whether the api process runs a worker itself (else run api/dist/worker.js). */
  inProcessWorker: boolean
}

/** Everything the send path reads from the environment, checked once. */
export interface MmsConfig {
  region: string
  /** Where messages are sent from; each destination keeps to one of them. */
  originationIdentities: string[]
  /** Configured MMS per second of identities whose limit AWS does not report. */
  originationRates: Record<string, number>
  /** Named in every send that names none, so that delivery events flow. */
  configurationSetName?: string
  mediaBucket: string
  /** Attempts per message, the first included; throttled attempts do not count. */
  sendMaxAttempts: number
  /** Time allowed for the provider to answer one attempt. */
  sendTimeoutMs: number
  /** Time allowed to open a connection to the provider. */
  connectTimeoutMs: number
  sendLimits: SendLimitDefaults
  /** ISO country codes messages may be sent to. */
  allowedCountries: string[]
  /** Key prefixes, each ending in "/", whose objects every user may send. */
  sharedMediaPrefixes: string[]
  queue: SendQueueConfig
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The MMS service is not configured correctly:\n${problems
        .map((p) => `  - ${p}`)
        .join('\n')}\nSet these in .env (see .env.example).`
    )
    this.name = 'ConfigError'
  }
}

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/

export type Env = Record<string, string | undefined>

/** An optional whole-number setting in [min, max]; a bad value is a problem named, and the fallback is used. */
export const readInteger = (
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[]
): number => {
  const raw = env[name]
  if (raw === undefined || raw === '') {
    return fallback
  }
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    problems.push(
      `${name} must be a whole number from ${min} to ${max} (got "${raw}").`
    )
    return fallback
  }
  return value
}

const listOf = (raw: string) =>
  raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')

// Where MMS through AWS End User Messaging reaches handsets.
const DEFAULT_ALLOWED_COUNTRIES = 'US,CA'

const readAllowedCountries = (env: Env, problems: string[]): string[] => {
  const raw = env.MMS_ALLOWED_COUNTRIES || DEFAULT_ALLOWED_COUNTRIES
  const codes = listOf(raw).map((code) => code.toUpperCase())
  const unknown = codes.filter((code) => !isPhoneCountryCode(code))
  if (codes.length === 0) {
    problems.push(
      'MMS_ALLOWED_COUNTRIES names no country: give ISO codes separated by commas (e.g. US,CA).'
    )
  } else if (unknown.length > 0) {
    problems.push(
      `MMS_ALLOWED_COUNTRIES has ${unknown.map((c) => `"${c}"`).join(', ')}, not ISO country codes with phone numbers (e.g. US, CA, GB).`
    )
  }
  return [...new Set(codes)]
}

const readSharedMediaPrefixes = (env: Env, problems: string[]): string[] => {
  const prefixes = listOf(env.MMS_SHARED_MEDIA_PREFIXES ?? '')
  for (const prefix of prefixes) {
    if (!prefix.endsWith('/') || unsafeKeyReason(prefix.slice(0, -1))) {
      problems.push(
        `MMS_SHARED_MEDIA_PREFIXES: "${prefix}" must be a folder of the bucket ending in "/", without "." or ".." parts or "//" (e.g. samples/).`
      )
    } else if (prefix.startsWith(UPLOADS_PREFIX)) {
      problems.push(
        `MMS_SHARED_MEDIA_PREFIXES: "${prefix}" would share users' own uploads (${UPLOADS_PREFIX}); use another folder.`
      )
    }
  }
  return prefixes
}

const readOriginationIdentities = (env: Env, problems: string[]): string[] => {
  const raw = env.PINPOINT_ORIGINATION_NUMBER ?? ''
  const identities = listOf(raw)
  if (identities.length === 0) {
    problems.push(
      'PINPOINT_ORIGINATION_NUMBER is not set: the phone number (E.164), its id or ARN, or a pool id or ARN to send from (several separated by commas).'
    )
  }
  for (const identity of identities) {
    if (!ORIGINATION_IDENTITY_PATTERN.test(identity)) {
      problems.push(
        `PINPOINT_ORIGINATION_NUMBER: "${identity}" must be 1 to 256 letters, digits, _ : / + or - (a phone number in E.164, an id or an ARN).`
      )
    }
  }
  return [...new Set(identities)]
}

const RATE_MAX = 10_000

/** MMS_ORIGINATION_RATES="+18005550100=3,pool-abc=10": messages per second. */
const readOriginationRates = (
  env: Env,
  problems: string[]
): Record<string, number> => {
  const rates: Record<string, number> = {}
  for (const pair of listOf(env.MMS_ORIGINATION_RATES ?? '')) {
    const match = /^(.+)=(\d+(?:\.\d+)?)$/.exec(pair)
    const rate = match ? Number(match[2]) : NaN
    if (!match || !(rate > 0 && rate <= RATE_MAX)) {
      problems.push(
        `MMS_ORIGINATION_RATES: "${pair}" must be <identity>=<messages per second>, a number above 0 and at most ${RATE_MAX} (e.g. +18005550100=3).`
      )
      continue
    }
    rates[match[1].trim()] = rate
  }
  return rates
}

const readBoolean = (
  env: Env,
  name: string,
  fallback: boolean,
  problems: string[]
): boolean => {
  const raw = env[name]
  if (raw === undefined || raw === '') {
    return fallback
  }
  if (raw !== 'true' && raw !== 'false') {
    problems.push(`${name} must be true or false (got "${raw}").`)
    return fallback
  }
  return raw === 'true'
}

const readSendQueueConfig = (
  env: Env,
  timeouts: { sendTimeoutMs: number; connectTimeoutMs: number },
  problems: string[]
): SendQueueConfig => {
  const queue: SendQueueConfig = {
    sendWaitMs: readInteger(env, 'MMS_SEND_WAIT_MS', 3_000, 0, 10_000, problems),
    // Twilio's default validity period: a message older than this is stale.
    ttlSeconds: readInteger(
      env,
      'MMS_QUEUE_TTL_SECONDS',
      14_400,
      10,
      259_200,
      problems
    ),
    leaseMs:
      readInteger(env, 'MMS_QUEUE_LEASE_SECONDS', 60, 2, 3_600, problems) *
      1000,
    workerConcurrency: readInteger(
      env,
      'MMS_WORKER_CONCURRENCY',
      8,
      1,
      256,
      problems
    ),
    pollMs: readInteger(env, 'MMS_WORKER_POLL_MS', 250, 10, 60_000, problems),
    inProcessWorker: readBoolean(env, 'MMS_IN_PROCESS_WORKER', true, problems),
  }
  // A lease that ran out while its request was still in flight would let the
  // message be declared UNKNOWN while it may still be accepted.
  const longestSendMs = timeouts.sendTimeoutMs + timeouts.connectTimeoutMs
  if (queue.leaseMs <= longestSendMs + 1_000) {
    problems.push(
      `MMS_QUEUE_LEASE_SECONDS (${queue.leaseMs / 1000}) must be longer than MMS_SEND_TIMEOUT_MS plus MMS_CONNECT_TIMEOUT_MS plus 1 s (${(longestSendMs + 1_000) / 1000} s).`
    )
  }
  return queue
}

const LIMIT_MAX = 1_000_000

export const readMmsConfig = (env: Env = process.env): MmsConfig => {
  const problems: string[] = []

  const region = env.AWS_REGION ?? ''
  if (!region) {
    problems.push('AWS_REGION is not set (e.g. us-east-1).')
  } else if (!REGION_PATTERN.test(region)) {
    problems.push(
      `AWS_REGION "${region}" is not an AWS Region name (e.g. us-east-1).`
    )
  }

  const originationIdentities = readOriginationIdentities(env, problems)
  const originationRates = readOriginationRates(env, problems)
  const configurationSetName = env.MMS_CONFIGURATION_SET_NAME || undefined
  if (configurationSetName) {
    const checked = checkConfigurationSetName(configurationSetName)
    if ('message' in checked) {
      problems.push(`MMS_CONFIGURATION_SET_NAME: ${checked.message}`)
    }
  }

  const mediaBucket = env.S3_MMS_BUCKET_NAME ?? ''
  if (!mediaBucket) {
    problems.push(
      'S3_MMS_BUCKET_NAME is not set: the bucket that holds media to send.'
    )
  } else if (!S3_BUCKET_PATTERN.test(mediaBucket)) {
    problems.push(
      `S3_MMS_BUCKET_NAME "${mediaBucket}" is not a valid bucket name (3 to 63 lowercase letters, digits, dots or hyphens).`
    )
  }

  const sendMaxAttempts = readInteger(
    env,
    'MMS_SEND_MAX_ATTEMPTS',
    3,
    1,
    10,
    problems
  )
  const sendTimeoutMs = readInteger(
    env,
    'MMS_SEND_TIMEOUT_MS',
    10_000,
    100,
    120_000,
    problems
  )
  const connectTimeoutMs = readInteger(
    env,
    'MMS_CONNECT_TIMEOUT_MS',
    3_000,
    100,
    60_000,
    problems
  )

  // Defaults: one message a second, the usual throughput of an origination
  // number, and a day's quota that bounds the cost of a leaked key.
  const sendLimits: SendLimitDefaults = {
    userRatePerMinute: readInteger(
      env,
      'MMS_USER_RATE_PER_MINUTE',
      60,
      1,
      LIMIT_MAX,
      problems
    ),
    userDailyQuota: readInteger(
      env,
      'MMS_USER_DAILY_QUOTA',
      1_000,
      1,
      LIMIT_MAX,
      problems
    ),
    apiKeyRatePerMinute: readInteger(
      env,
      'MMS_API_KEY_RATE_PER_MINUTE',
      60,
      1,
      LIMIT_MAX,
      problems
    ),
    apiKeyDailyQuota: readInteger(
      env,
      'MMS_API_KEY_DAILY_QUOTA',
      1_000,
      1,
      LIMIT_MAX,
      problems
    ),
  }
  const allowedCountries = readAllowedCountries(env, problems)
  const sharedMediaPrefixes = readSharedMediaPrefixes(env, problems)
  const queue = readSendQueueConfig(
    env,
    { sendTimeoutMs, connectTimeoutMs },
    problems
  )

  if (problems.length > 0) {
    throw new ConfigError(problems)
  }
  return {
    region,
    originationIdentities,
    originationRates,
    configurationSetName,
    mediaBucket,
    sendMaxAttempts,
    sendTimeoutMs,
    connectTimeoutMs,
    sendLimits,
    allowedCountries,
    sharedMediaPrefixes,
    queue,
  }
}

let cached: MmsConfig | undefined

/** The process's configuration, read on first use. */
export const mmsConfig = (): MmsConfig => {
  cached ??= readMmsConfig()
  return cached
}
