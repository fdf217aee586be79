import { formatUsd } from './money'

describe('formatUsd', () => {
  it('shows whole cents with two decimals', () => {
    expect(formatUsd('0.05')).toBe('US$0.05')
    expect(formatUsd('2')).toBe('US$2.00')
    expect(formatUsd('1234.5')).toBe('US$1,234.50')
  })

  it('keeps the fractions of a cent that MMS prices have', () => {
    expect(formatUsd('0.00581')).toBe('US$0.00581')
    expect(formatUsd('0.0200')).toBe('US$0.02')
  })

  it('shows an amount that is not a number as it came', () => {
    expect(formatUsd('n/a')).toBe('n/a')
    expect(formatUsd('')).toBe('')
  })
})
