import { formatPhoneNumber, maskPhoneNumber } from '@mms/rules'

/**
 * Lays the masked number over the formatted one digit by digit:
 * `+1 425 414 7755` and `+1********55` give `+1 *** *** **55`.
 */
export const formatMaskedPhoneNumber = (e164: string): string => {
  const masked = maskPhoneNumber(e164).replace('+', '')
  let next = 0
  return formatPhoneNumber(e164).replace(/\d/g, () => masked[next++] ?? '*')
}

/** A number shown in lists: readable, with all but the last two digits hidden. */
const MaskedPhoneNumber = ({ e164 }: { e164: string }) => (
  <span className="phone-number">
    <span aria-hidden="true">{formatMaskedPhoneNumber(e164)}</span>
    <span className="sr-only">number ending {e164.slice(-2)}</span>
  </span>
)

export default MaskedPhoneNumber
