import {
  FaultSettingsError,
  parseFaultPatch,
  type FaultPatch,
} from './pinpoint/faults.ts'
import { isE164, NUMBER_TYPES } from './pinpoint/phone-number-facts.ts'
import {
  DEFAULT_MESSAGES_PER_SECOND,
  DEFAULT_PINPOINT_PORT,
  DEFAULT_REGION,
} from './pinpoint/pinpoint-sandbox.ts'
import {
  DEFAULT_CONFIGURATION_SET,
  DEFAULT_ORIGINATION_IDENTITY,
} from './pinpoint/simulator-numbers.ts'
import { DEFAULT_CORS_ORIGINS } from './s3/bucket-cors.ts'
import { DEFAULT_BUCKET, DEFAULT_HOST, DEFAULT_S3_PORT } from './s3/local-s3.ts'
import { DEFAULT_EVENT_DELAY_MS } from './sns/delivery-events.ts'
import { SIGNATURE_VERSIONS, type SignatureVersion } from './sns/signing.ts'
import { DEFAULT_TOPIC_NAME, regionOfTopicArn } from './sns/sns-topic.ts'
import type { StartAllOptions } from './start-all.ts'

export class EnvConfigError extends Error {}

/** Environment variables read by the CLI, with their defaults. */
export const ENV_DEFAULTS = {
  SANDBOX_HOST: DEFAULT_HOST,
  SANDBOX_S3_PORT: String(DEFAULT_S3_PORT),
  SANDBOX_S3_DIR: '<project root>/.redwood/sandbox/s3',
  S3_MMS_BUCKET_NAME: DEFAULT_BUCKET,
  SANDBOX_CORS_ORIGINS: DEFAULT_CORS_ORIGINS.join(','),
  SANDBOX_PINPOINT_PORT: String(DEFAULT_PINPOINT_PORT),
  SANDBOX_REGION: DEFAULT_REGION,
  PINPOINT_ORIGINATION_NUMBER: DEFAULT_ORIGINATION_IDENTITY,
  PINPOINT_CONFIGURATION_SET_NAME: DEFAULT_CONFIGURATION_SET,
  SANDBOX_MPS: String(DEFAULT_MESSAGES_PER_SECOND),
  SANDBOX_NUMBER_TYPES: '(toll-free prefixes TOLL_FREE, else LONG_CODE)',
  SANDBOX_SNS_TOPIC_ARN: `arn:aws:sns:<region>:000000000000:${DEFAULT_TOPIC_NAME}`,
  SANDBOX_SNS_SIGNATURE_VERSION: '1',
  SANDBOX_EVENT_DELAY_MS: String(DEFAULT_EVENT_DELAY_MS),
  SANDBOX_FAULT_INTERNAL_ERROR_RATE: '0',
  SANDBOX_FAULT_THROTTLE_RATE: '0',
  SANDBOX_FAULT_HANG_RATE: '0',
  SANDBOX_FAULT_LATENCY_MS: '0',
  SANDBOX_FAULT_SEED: '(random)',
  SANDBOX_LOG: 'on',
} as const

const FAULT_ENV: Record<string, keyof FaultPatch> = {
  SANDBOX_FAULT_INTERNAL_ERROR_RATE: 'internalErrorRate',
  SANDBOX_FAULT_THROTTLE_RATE: 'throttleRate',
  SANDBOX_FAULT_HANG_RATE: 'hangRate',
  SANDBOX_FAULT_LATENCY_MS: 'latencyMs',
  SANDBOX_FAULT_SEED: 'seed',
}

const MAX_MPS = 100_000
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-[0-9]+$/

/** `identity=value` items of a comma-separated list, or the problem with it. */
function identityPairs(
  name: string,
  items: string[],
  identities: string[],
  example: string
): { pairs: [string, string][]; problems: string[] } {
  const pairs: [string, string][] = []
  const problems: string[] = []
  const seen = new Set<string>()
  for (const item of items) {
    const match = /^([A-Za-z0-9_:/+-]+)\s*=\s*(\S+)$/.exec(item)
    if (!match) {
      problems.push(
        `${name}: "${item}" is not of the form identity=value (e.g. ${example})`
      )
      continue
    }
    const [, identity, setting] = match as unknown as [string, string, string]
    if (!identities.includes(identity)) {
      problems.push(
        `${name} names ${identity}, which is not an origination identity (PINPOINT_ORIGINATION_NUMBER: ${identities.join(',')})`
      )
    } else if (seen.has(identity)) {
      problems.push(`${name} names ${identity} more than once`)
    } else {
      seen.add(identity)
      pairs.push([identity, setting])
    }
  }
  return { pairs, problems }
}

/**
 * SANDBOX_MPS: one rate for every identity (`3`), each identity's own
 * (`+18445550100=20,+18445550101=3`), or both (`3,+18445550100=20`).
 */
function messagesPerSecondFrom(
  raw: string,
  identities: string[],
  problems: string[]
): {
  messagesPerSecond?: number
  messagesPerSecondByIdentity?: Record<string, number>
} {
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
  const rate = (text: string): number | undefined =>
    /^[0-9]+$/.test(text) && Number(text) <= MAX_MPS ? Number(text) : undefined
  const everyIdentity = items.filter((item) => !item.includes('='))
  if (
    everyIdentity.length > 1 ||
    everyIdentity.some((item) => rate(item) === undefined)
  ) {
    problems.push(
      `SANDBOX_MPS must be an integer from 0 to ${MAX_MPS}, or identity=rate pairs separated by commas (e.g. +18445550100=20,+18445550101=3), got "${raw}"`
    )
    return {}
  }
  const { pairs, problems: pairProblems } = identityPairs(
    'SANDBOX_MPS',
    items.filter((item) => item.includes('=')),
    identities,
    '+18445550100=20'
  )
  problems.push(...pairProblems)
  const byIdentity: Record<string, number> = {}
  for (const [identity, text] of pairs) {
    const value = rate(text)
    if (value === undefined) {
      problems.push(
        `SANDBOX_MPS: the rate of ${identity} must be an integer from 0 to ${MAX_MPS}, got "${text}"`
      )
    } else byIdentity[identity] = value
  }
  return {
    messagesPerSecond: everyIdentity.length
      ? Number(everyIdentity[0])
      : undefined,
    messagesPerSecondByIdentity: pairs.length ? byIdentity : undefined,
  }
}

export interface CliConfig {
  options: StartAllOptions
  logRequests: boolean
}

/** Reads the CLI's configuration; every problem is reported at once. */
export function configFromEnv(env: NodeJS.ProcessEnv): CliConfig {
  const problems: string[] = []
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim()
    return raw ? raw : undefined
  }
  const list = (name: string): string[] | undefined =>
    value(name)
      ?.split(',')
      .map((item) => item.trim())
      .filter(Boolean)
  const integer = (
    name: string,
    min: number,
    max: number
  ): number | undefined => {
    const raw = value(name)
    if (raw === undefined) return undefined
    const parsed = Number(raw)
    if (!/^\d+$/.test(raw) || parsed < min || parsed > max) {
      problems.push(
        `${name} must be an integer from ${min} to ${max}, got "${raw}"`
      )
      return undefined
    }
    return parsed
  }

  const host = value('SANDBOX_HOST')
  const faultInput: Record<string, number> = {}
  for (const [name, key] of Object.entries(FAULT_ENV)) {
    const raw = value(name)
    if (raw === undefined) continue
    const parsed = Number(raw)
    if (Number.isNaN(parsed))
      problems.push(`${name} must be a number, got "${raw}"`)
    else faultInput[key] = parsed
  }
  let faults: FaultPatch = {}
  try {
    faults = parseFaultPatch(faultInput)
  } catch (error) {
    if (!(error instanceof FaultSettingsError)) throw error
    problems.push(`fault settings: ${error.message}`)
  }

  const logSetting = value('SANDBOX_LOG')?.toLowerCase()
  if (
    logSetting !== undefined &&
    !['on', 'off', '1', '0', 'true', 'false'].includes(logSetting)
  ) {
    problems.push(`SANDBOX_LOG must be on or off, got "${logSetting}"`)
  }

  const region = value('SANDBOX_REGION')
  if (region !== undefined && !REGION_PATTERN.test(region)) {
    problems.push(`SANDBOX_REGION must look like us-east-1, got "${region}"`)
  }
  const originationIdentities = list('PINPOINT_ORIGINATION_NUMBER')
  const knownIdentities = originationIdentities ?? [
    DEFAULT_ORIGINATION_IDENTITY,
  ]
  const mpsSetting = value('SANDBOX_MPS')
  const rates =
    mpsSetting === undefined
      ? {}
      : messagesPerSecondFrom(mpsSetting, knownIdentities, problems)
  let numberTypes: Record<string, string> | undefined
  const numberTypeItems = list('SANDBOX_NUMBER_TYPES')
  if (numberTypeItems) {
    const { pairs, problems: pairProblems } = identityPairs(
      'SANDBOX_NUMBER_TYPES',
      numberTypeItems,
      knownIdentities,
      '+12065550100=TEN_DLC'
    )
    problems.push(...pairProblems)
    for (const [identity, type] of pairs) {
      if (!isE164(identity)) {
        problems.push(
          `SANDBOX_NUMBER_TYPES names ${identity}, which is not a phone number`
        )
      } else if (!(NUMBER_TYPES as readonly string[]).includes(type)) {
        problems.push(
          `SANDBOX_NUMBER_TYPES: the type of ${identity} must be one of ${NUMBER_TYPES.join(', ')}, got "${type}"`
        )
      }
    }
    numberTypes = Object.fromEntries(pairs)
  }

  const snsTopicArn = value('SANDBOX_SNS_TOPIC_ARN')
  if (snsTopicArn !== undefined) {
    try {
      regionOfTopicArn(snsTopicArn)
    } catch (error) {
      problems.push(`SANDBOX_SNS_TOPIC_ARN: ${(error as Error).message}`)
    }
  }
  const signatureVersion = value('SANDBOX_SNS_SIGNATURE_VERSION')
  if (
    signatureVersion !== undefined &&
    !(SIGNATURE_VERSIONS as readonly string[]).includes(signatureVersion)
  ) {
    problems.push(
      `SANDBOX_SNS_SIGNATURE_VERSION must be 1 (SHA1withRSA) or 2 (SHA256withRSA), got "${signatureVersion}"`
    )
  }

  const options: StartAllOptions = {
    s3: {
      host,
      port: integer('SANDBOX_S3_PORT', 0, 65535),
      directory: value('SANDBOX_S3_DIR'),
      bucket: value('S3_MMS_BUCKET_NAME'),
      corsOrigins: list('SANDBOX_CORS_ORIGINS'),
    },
    pinpoint: {
      host,
      port: integer('SANDBOX_PINPOINT_PORT', 0, 65535),
      region,
      originationIdentities,
      configurationSets: list('PINPOINT_CONFIGURATION_SET_NAME'),
      messagesPerSecond: rates.messagesPerSecond,
      messagesPerSecondByIdentity: rates.messagesPerSecondByIdentity,
      numberTypes,
      snsTopicArn,
      snsSignatureVersion: signatureVersion as SignatureVersion | undefined,
      eventDelayMs: integer('SANDBOX_EVENT_DELAY_MS', 0, 600_000),
      faults,
    },
  }
  if (problems.length) throw new EnvConfigError(problems.join('\n'))
  return {
    options: dropUndefined(options),
    logRequests: !['off', '0', 'false'].includes(logSetting ?? 'on'),
  }
}

function dropUndefined(options: StartAllOptions): StartAllOptions {
  const clean = <T extends object>(o: T | undefined): T =>
    Object.fromEntries(
      Object.entries(o ?? {}).filter(([, v]) => v !== undefined)
    ) as T
  return { s3: clean(options.s3), pinpoint: clean(options.pinpoint) }
}
