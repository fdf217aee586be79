/** What the sandbox can tell about a number from its digits alone. */

/** The NumberType enum of the service model. */
export const NUMBER_TYPES = [
  'LONG_CODE',
  'TOLL_FREE',
  'TEN_DLC',
  'SHORT_CODE',
  'SIMULATOR',
] as const
export type NumberType = (typeof NUMBER_TYPES)[number]

/** North American toll-free area codes. */
const TOLL_FREE_AREA_CODES = new Set([
  '800',
  '833',
  '844',
  '855',
  '866',
  '877',
  '888',
])

/** Geographic area codes of Canada; every other +1 number counts as US. */
const CANADIAN_AREA_CODES = new Set(
  (
    '204 226 236 249 250 257 263 289 306 343 354 365 367 368 382 403 416 418 ' +
    '428 431 437 438 450 460 468 474 506 514 519 548 579 581 584 587 604 613 ' +
    '639 647 672 683 705 709 742 753 778 780 782 807 819 825 867 873 879 902 ' +
    '905 942'
  ).split(' ')
)

/** A few country calling codes, enough for test numbers outside North America. */
const COUNTRY_CALLING_CODES: Record<string, string> = {
  '7': 'RU',
  '27': 'ZA',
  '31': 'NL',
  '33': 'FR',
  '34': 'ES',
  '39': 'IT',
  '44': 'GB',
  '49': 'DE',
  '52': 'MX',
  '55': 'BR',
  '61': 'AU',
  '64': 'NZ',
  '81': 'JP',
  '91': 'IN',
  '353': 'IE',
}

const E164 = /^\+[1-9][0-9]{1,18}$/

export function isE164(value: string): boolean {
  return E164.test(value)
}

function northAmericanAreaCode(e164: string): string | undefined {
  return /^\+1([2-9][0-9]{2})[0-9]{7}$/.exec(e164)?.[1]
}

export function isTollFree(e164: string): boolean {
  const areaCode = northAmericanAreaCode(e164)
  return areaCode !== undefined && TOLL_FREE_AREA_CODES.has(areaCode)
}

/** ISO 3166-1 alpha-2 country of a number; `ZZ` (unknown) when the sandbox cannot tell. */
export function isoCountryCodeOf(e164: string): string {
  if (e164.startsWith('+1')) {
    const areaCode = northAmericanAreaCode(e164)
    return areaCode && CANADIAN_AREA_CODES.has(areaCode) ? 'CA' : 'US'
  }
  for (const length of [3, 2, 1]) {
    const country = COUNTRY_CALLING_CODES[e164.slice(1, 1 + length)]
    if (country) return country
  }
  return 'ZZ'
}

export function defaultNumberType(e164: string): NumberType {
  return isTollFree(e164) ? 'TOLL_FREE' : 'LONG_CODE'
}
