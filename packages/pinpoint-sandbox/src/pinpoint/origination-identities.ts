import { createHash } from 'node:crypto'

import {
  defaultNumberType,
  isE164,
  isoCountryCodeOf,
  NUMBER_TYPES,
  type NumberType,
} from './phone-number-facts.ts'

/** The account every sandbox ARN names. */
export const SANDBOX_ACCOUNT_ID = '000000000000'

export interface OriginationIdentityOptions {
  /** As configured: phone numbers in E.164, sender ids, pool ids, ARNs. */
  identities: string[]
  region: string
  /** Messages per second of every identity not named in `messagesPerSecondByIdentity`; 0 = unlimited. */
  messagesPerSecond: number
  messagesPerSecondByIdentity?: Record<string, number>
  /** NumberType of configured phone numbers; default TOLL_FREE for North American toll-free prefixes, else LONG_CODE. */
  numberTypes?: Record<string, string>
  createdAt: Date
}

/** A configured origination identity that is a phone number, as DescribePhoneNumbers shows it. */
export interface PhoneNumberResource {
  phoneNumber: string
  phoneNumberId: string
  phoneNumberArn: string
  isoCountryCode: string
  numberType: NumberType
  createdAt: Date
}

export interface OriginationIdentity {
  /** As configured; the rate limit is kept per identity. */
  identity: string
  /** 0 = unlimited. */
  messagesPerSecond: number
  phoneNumber?: PhoneNumberResource
}

export class OriginationConfigError extends RangeError {}

function isRate(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0
}

/** AWS's phone number ids are `phone-` and 32 hex digits; derived from the number so they survive restarts. */
function phoneNumberIdOf(phoneNumber: string): string {
  return `phone-${createHash('sha256').update(phoneNumber).digest('hex').slice(0, 32)}`
}

/**
 * The sandbox account's origination identities and their send rates. A phone
 * number can be named by the number, its PhoneNumberId or its PhoneNumberArn,
 * and all three share one rate limit, as on AWS.
 */
export class OriginationIdentities {
  private readonly byName = new Map<string, OriginationIdentity>()
  private readonly all: OriginationIdentity[]

  constructor(options: OriginationIdentityOptions) {
    const problems: string[] = []
    const configured = new Set(options.identities)
    if (!isRate(options.messagesPerSecond)) {
      problems.push(
        `messagesPerSecond must be a non-negative integer (0 = unlimited), got ${options.messagesPerSecond}`
      )
    }
    const byIdentity = options.messagesPerSecondByIdentity ?? {}
    for (const [identity, rate] of Object.entries(byIdentity)) {
      if (!configured.has(identity)) {
        problems.push(
          `messagesPerSecondByIdentity names ${identity}, which is not an origination identity (${options.identities.join(', ')})`
        )
      } else if (!isRate(rate)) {
        problems.push(
          `messagesPerSecondByIdentity: the rate of ${identity} must be a non-negative integer (0 = unlimited), got ${rate}`
        )
      }
    }
    const numberTypes = options.numberTypes ?? {}
    for (const [identity, type] of Object.entries(numberTypes)) {
      if (!configured.has(identity) || !isE164(identity)) {
        problems.push(
          `numberTypes names ${identity}, which is not an origination phone number`
        )
      } else if (!(NUMBER_TYPES as readonly string[]).includes(type)) {
        problems.push(
          `numberTypes: the type of ${identity} must be one of ${NUMBER_TYPES.join(', ')}, got ${type}`
        )
      }
    }
    if (problems.length) throw new OriginationConfigError(problems.join('\n'))

    this.all = [...configured].map((identity) => {
      const entry: OriginationIdentity = {
        identity,
        messagesPerSecond: byIdentity[identity] ?? options.messagesPerSecond,
      }
      if (isE164(identity)) {
        const phoneNumberId = phoneNumberIdOf(identity)
        entry.phoneNumber = {
          phoneNumber: identity,
          phoneNumberId,
          phoneNumberArn: `arn:aws:sms-voice:${options.region}:${SANDBOX_ACCOUNT_ID}:phone-number/${phoneNumberId}`,
          isoCountryCode: isoCountryCodeOf(identity),
          numberType:
            (numberTypes[identity] as NumberType | undefined) ??
            defaultNumberType(identity),
          createdAt: options.createdAt,
        }
      }
      return entry
    })
    for (const entry of this.all) {
      this.byName.set(entry.identity, entry)
      if (entry.phoneNumber) {
        this.byName.set(entry.phoneNumber.phoneNumberId, entry)
        this.byName.set(entry.phoneNumber.phoneNumberArn, entry)
      }
    }
  }

  /** The identity a request names, by its configured name or, for a phone number, its id or ARN. */
  resolve(name: string): OriginationIdentity | undefined {
    return this.byName.get(name)
  }

  list(): OriginationIdentity[] {
    return this.all.map((entry) => structuredClone(entry))
  }

  /** Messages per second of a configured identity (the rate limiter's key); 0 = unlimited. */
  rateOf(identity: string): number {
    return this.byName.get(identity)?.messagesPerSecond ?? 0
  }
}
