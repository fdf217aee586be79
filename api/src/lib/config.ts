import {
  ORIGINATION_IDENTITY_PATTERN,
  S3_BUCKET_PATTERN,
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

/** Everything the send path reads from the environment, checked once. */
export interface MmsConfig {
  region: string
  originationIdentity: string
  mediaBucket: string
  /** Attempts per send, the first included (SDK retry strategy). */
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

  const originationIdentity = env.PINPOINT_ORIGINATION_NUMBER ?? ''
  if (!originationIdentity) {
    problems.push(
      'PINPOINT_ORIGINATION_NUMBER is not set: the phone number (E.164), its id or ARN, or a pool id or ARN to send from.'
    )
  } else if (!ORIGINATION_IDENTITY_PATTERN.test(originationIdentity)) {
    problems.push(
      'PINPOINT_ORIGINATION_NUMBER must be 1 to 256 letters, digits, _ : / + or - (a phone number in E.164, an id or an ARN).'
    )
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

  if (problems.length > 0) {
    throw new ConfigError(problems)
  }
  return {
    region,
    originationIdentity,
    mediaBucket,
    sendMaxAttempts,
    sendTimeoutMs,
    connectTimeoutMs,
    sendLimits,
    allowedCountries,
    sharedMediaPrefixes,
  }
}

let cached: MmsConfig | undefined

/** The process's configuration, read on first use. */
export const mmsConfig = (): MmsConfig => {
  cached ??= readMmsConfig()
  return cached
}
