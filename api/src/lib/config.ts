import { ORIGINATION_IDENTITY_PATTERN, S3_BUCKET_PATTERN } from '@mms/rules'

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

type Env = Record<string, string | undefined>

const readInteger = (
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
  }
}

let cached: MmsConfig | undefined

/** The process's configuration, read on first use. */
export const mmsConfig = (): MmsConfig => {
  cached ??= readMmsConfig()
  return cached
}
