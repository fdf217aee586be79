import { randomInt } from 'node:crypto'

import { INJECTABLE_ERRORS, type InjectableError } from './api-errors.ts'
import { seededRandom } from './seeded-random.ts'

export interface FailNext {
  error: InjectableError
  count: number
}

export interface FaultSettings {
  /** Share (0..1) of requests answered with InternalServerException (HTTP 500). */
  internalErrorRate: number
  /** Share (0..1) of requests answered with ThrottlingException, on top of the MPS limit. */
  throttleRate: number
  /** Share (0..1) of requests never answered (until the client disconnects or the sandbox stops). */
  hangRate: number
  /** Delay added before every API request is handled, in ms. */
  latencyMs: number
  /** Seed of the PRNG behind the rates; the same seed gives the same sequence of outcomes. */
  seed: number
  /** The next `count` requests fail with `error`, before any rate applies. */
  failNext: FailNext | null
  /** The next N requests hang, before failNext and the rates apply. */
  hangNext: number
}

export type FaultPatch = Partial<FaultSettings>

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'hang' }
  | { kind: 'error'; error: InjectableError }

export class FaultSettingsError extends Error {}

const MAX_LATENCY_MS = 600_000
const MAX_SEED = 0xffffffff
const RATE_KEYS = ['internalErrorRate', 'throttleRate', 'hangRate'] as const
const KNOWN_KEYS: readonly (keyof FaultSettings)[] = [
  ...RATE_KEYS,
  'latencyMs',
  'seed',
  'failNext',
  'hangNext',
]

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Validates untrusted input (JSON from the control API, values from env) into a patch. */
export function parseFaultPatch(input: unknown): FaultPatch {
  if (!isPlainObject(input))
    throw new FaultSettingsError('fault settings must be a JSON object')
  const problems: string[] = []
  const patch: FaultPatch = {}
  for (const [key, value] of Object.entries(input)) {
    if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
      problems.push(
        `unknown setting "${key}" (known: ${KNOWN_KEYS.join(', ')})`
      )
      continue
    }
    switch (key as keyof FaultSettings) {
      case 'internalErrorRate':
      case 'throttleRate':
      case 'hangRate':
        if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
          problems.push(`"${key}" must be a number from 0 to 1`)
        } else patch[key as (typeof RATE_KEYS)[number]] = value
        break
      case 'latencyMs':
        if (
          !Number.isInteger(value) ||
          (value as number) < 0 ||
          (value as number) > MAX_LATENCY_MS
        ) {
          problems.push(
            `"latencyMs" must be an integer from 0 to ${MAX_LATENCY_MS}`
          )
        } else patch.latencyMs = value as number
        break
      case 'seed':
        if (
          !Number.isInteger(value) ||
          (value as number) < 0 ||
          (value as number) > MAX_SEED
        ) {
          problems.push(`"seed" must be an integer from 0 to ${MAX_SEED}`)
        } else patch.seed = value as number
        break
      case 'hangNext':
        if (!Number.isInteger(value) || (value as number) < 0) {
          problems.push('"hangNext" must be a non-negative integer')
        } else patch.hangNext = value as number
        break
      case 'failNext': {
        if (value === null) {
          patch.failNext = null
          break
        }
        const error = isPlainObject(value) ? value.error : undefined
        const count = isPlainObject(value) ? (value.count ?? 1) : undefined
        const extra = isPlainObject(value)
          ? Object.keys(value).filter((k) => k !== 'error' && k !== 'count')
          : []
        if (
          !isPlainObject(value) ||
          !(INJECTABLE_ERRORS as readonly unknown[]).includes(error) ||
          extra.length
        ) {
          problems.push(
            `"failNext" must be null or {"error": one of ${INJECTABLE_ERRORS.join(', ')}, "count": n}`
          )
        } else if (!Number.isInteger(count) || (count as number) < 1) {
          problems.push('"failNext.count" must be a positive integer')
        } else
          patch.failNext = {
            error: error as InjectableError,
            count: count as number,
          }
        break
      }
    }
  }
  if (problems.length) throw new FaultSettingsError(problems.join('; '))
  return patch
}

export const NO_FAULTS: Omit<FaultSettings, 'seed'> = {
  internalErrorRate: 0,
  throttleRate: 0,
  hangRate: 0,
  latencyMs: 0,
  failNext: null,
  hangNext: 0,
}

/**
 * Decides, per API request, whether to inject a fault. Exactly one random
 * number is drawn per request, so with a fixed seed the n-th request always
 * gets the same draw regardless of the deterministic options.
 */
export class FaultInjector {
  private readonly initial: FaultSettings
  private current: FaultSettings
  private random: () => number

  constructor(initial: FaultPatch = {}) {
    this.initial = withValidatedRates({
      ...NO_FAULTS,
      seed: randomInt(MAX_SEED),
      ...initial,
    })
    this.current = cloneSettings(this.initial)
    this.random = seededRandom(this.current.seed)
  }

  settings(): FaultSettings {
    return cloneSettings(this.current)
  }

  /** Merges a patch; a new seed restarts the PRNG. */
  update(patch: FaultPatch): FaultSettings {
    const next = withValidatedRates({ ...this.current, ...patch })
    this.current = next
    if (patch.seed !== undefined) this.random = seededRandom(next.seed)
    return this.settings()
  }

  /** Back to the settings given at start, PRNG restarted from their seed. */
  reset(): FaultSettings {
    this.current = cloneSettings(this.initial)
    this.random = seededRandom(this.current.seed)
    return this.settings()
  }

  decide(): FaultDecision {
    const draw = this.random()
    const settings = this.current
    if (settings.hangNext > 0) {
      settings.hangNext--
      return { kind: 'hang' }
    }
    if (settings.failNext) {
      const { error } = settings.failNext
      settings.failNext =
        settings.failNext.count > 1
          ? { error, count: settings.failNext.count - 1 }
          : null
      return { kind: 'error', error }
    }
    let threshold = settings.hangRate
    if (draw < threshold) return { kind: 'hang' }
    threshold += settings.internalErrorRate
    if (draw < threshold)
      return { kind: 'error', error: 'InternalServerException' }
    threshold += settings.throttleRate
    if (draw < threshold) return { kind: 'error', error: 'ThrottlingException' }
    return { kind: 'none' }
  }
}

function cloneSettings(settings: FaultSettings): FaultSettings {
  return {
    ...settings,
    failNext: settings.failNext ? { ...settings.failNext } : null,
  }
}

function withValidatedRates(settings: FaultSettings): FaultSettings {
  const total = RATE_KEYS.reduce((sum, key) => sum + settings[key], 0)
  if (total > 1 + 1e-9) {
    throw new FaultSettingsError(
      `hangRate + internalErrorRate + throttleRate must not exceed 1 (got ${Number(total.toFixed(6))})`
    )
  }
  return settings
}
