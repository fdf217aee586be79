import {
  DescribePhoneNumbersCommand,
  type PhoneNumberInformation,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'

import { logger } from 'src/lib/logger'

/** MMS per second by number type (AWS user guide), when AWS reports no limit. */
export const MMS_RATE_BY_NUMBER_TYPE: Readonly<Record<string, number>> = {
  SHORT_CODE: 40,
  TOLL_FREE: 3,
  TEN_DLC: 1,
  LONG_CODE: 1,
  SIMULATOR: 1,
}

/** The lowest common rate, for identities nothing is known about. */
export const FALLBACK_MMS_RATE = 1

export interface OriginationRate {
  messagesPerSecond: number
  source: 'aws' | 'configured' | 'number-type' | 'fallback'
}

const isIdentityOf = (number: PhoneNumberInformation, identity: string) =>
  number.PhoneNumber === identity ||
  number.PhoneNumberId === identity ||
  number.PhoneNumberArn === identity

/**
 * The rate an identity may send MMS at: the limit AWS reports for it, else
 * the configured one, else its number type's, else the fallback.
 */
export const rateFor = (
  identity: string,
  numbers: readonly PhoneNumberInformation[],
  configured: Readonly<Record<string, number>>
): OriginationRate => {
  const number = numbers.find((candidate) => isIdentityOf(candidate, identity))
  const reported = number?.MessagingLimits?.RateLimits?.MMS
  if (reported !== undefined && reported > 0) {
    return { messagesPerSecond: reported, source: 'aws' }
  }
  if (configured[identity]) {
    return { messagesPerSecond: configured[identity], source: 'configured' }
  }
  const byType = number?.NumberType
    ? MMS_RATE_BY_NUMBER_TYPE[number.NumberType]
    : undefined
  if (byType) {
    return { messagesPerSecond: byType, source: 'number-type' }
  }
  return { messagesPerSecond: FALLBACK_MMS_RATE, source: 'fallback' }
}

/**
 * Every phone number of the account: DescribePhoneNumbers takes ids and ARNs
 * but not the numbers themselves, which is what most configurations name.
 */
export const listPhoneNumbers = async (
  client: PinpointSMSVoiceV2Client
): Promise<PhoneNumberInformation[]> => {
  const numbers: PhoneNumberInformation[] = []
  let nextToken: string | undefined
  do {
    const page = await client.send(
      new DescribePhoneNumbersCommand({ NextToken: nextToken, MaxResults: 50 })
    )
    numbers.push(...(page.PhoneNumbers ?? []))
    nextToken = page.NextToken
  } while (nextToken)
  return numbers
}

const REFRESH_MS = 15 * 60_000
const RETRY_AFTER_FAILURE_MS = 60_000

/** Origination rates, read from AWS at most every 15 minutes per process. */
export class OriginationRates {
  private numbers: PhoneNumberInformation[] = []
  private nextRefreshAt = 0
  private refreshing?: Promise<void>

  constructor(
    private readonly load: () => Promise<PhoneNumberInformation[]>,
    private readonly configured: Readonly<Record<string, number>>,
    private readonly now: () => number = Date.now
  ) {}

  async rateOf(identity: string): Promise<OriginationRate> {
    if (this.now() >= this.nextRefreshAt) {
      this.refreshing ??= this.refresh().finally(() => {
        this.refreshing = undefined
      })
      await this.refreshing
    }
    return rateFor(identity, this.numbers, this.configured)
  }

  private async refresh() {
    try {
      this.numbers = await this.load()
      this.nextRefreshAt = this.now() + REFRESH_MS
    } catch (error) {
      // Reading limits needs sms-voice:DescribePhoneNumbers; without it the
      // service still sends, at the configured or default rates.
      logger.warn(
        { errorCode: (error as Error)?.name },
        'Could not read the origination limits from AWS (DescribePhoneNumbers); using MMS_ORIGINATION_RATES or the number type defaults'
      )
      this.nextRefreshAt = this.now() + RETRY_AFTER_FAILURE_MS
    }
  }
}

/**
 * Sends are spaced this much wider than the rate allows: a limit counted over
 * any one-second window refuses the send that arrives a few milliseconds
 * early because the one a second before it arrived late. 2.5 % absorbs 25 ms
 * of such jitter at every rate.
 */
export const PACING_MARGIN = 1.025

/** Milliseconds between two sends of an identity. */
export const intervalMsOf = (rate: OriginationRate): number =>
  Math.ceil((1000 / rate.messagesPerSecond) * PACING_MARGIN)
