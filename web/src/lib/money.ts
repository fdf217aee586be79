// Five decimals: AWS prices MMS in fractions of a cent (MaxPrice allows five).
const usdFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 5,
})

/**
 * "0.0058" → "US$0.0058". The api sends US dollar amounts as decimal strings;
 * one that is not a number is shown as sent rather than hidden.
 */
export const formatUsd = (amount: string): string => {
  const value = Number(amount)
  return amount.trim() !== '' && Number.isFinite(value)
    ? `US$${usdFormat.format(value)}`
    : amount
}
