import {
  FaultSettingsError,
  parseFaultPatch,
  type FaultPatch,
} from './pinpoint/faults.ts'
import {
  DEFAULT_MESSAGES_PER_SECOND,
  DEFAULT_PINPOINT_PORT,
} from './pinpoint/pinpoint-sandbox.ts'
import {
  DEFAULT_CONFIGURATION_SET,
  DEFAULT_ORIGINATION_IDENTITY,
} from './pinpoint/simulator-numbers.ts'
import { DEFAULT_CORS_ORIGINS } from './s3/bucket-cors.ts'
import { DEFAULT_BUCKET, DEFAULT_HOST, DEFAULT_S3_PORT } from './s3/local-s3.ts'
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
  PINPOINT_ORIGINATION_NUMBER: DEFAULT_ORIGINATION_IDENTITY,
  PINPOINT_CONFIGURATION_SET_NAME: DEFAULT_CONFIGURATION_SET,
  SANDBOX_MPS: String(DEFAULT_MESSAGES_PER_SECOND),
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
      originationIdentities: list('PINPOINT_ORIGINATION_NUMBER'),
      configurationSets: list('PINPOINT_CONFIGURATION_SET_NAME'),
      messagesPerSecond: integer('SANDBOX_MPS', 0, 100_000),
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
