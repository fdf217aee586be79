import { render, screen } from '@redwoodjs/testing/web'

import MaskedPhoneNumber, { formatMaskedPhoneNumber } from './MaskedPhoneNumber'

describe('MaskedPhoneNumber', () => {
  it('groups digits as the number is formatted and hides all but the last two', () => {
    expect(formatMaskedPhoneNumber('+14254147755')).toBe('+1 *** *** **55')
    expect(formatMaskedPhoneNumber('+447911123456')).toBe('+44 **** ****56')
  })

  it('reads the last digits to a screen reader instead of the asterisks', () => {
    render(<MaskedPhoneNumber e164="+14254147755" />)
    expect(screen.getByText('+1 *** *** **55')).toHaveAttribute(
      'aria-hidden',
      'true'
    )
    expect(screen.getByText('number ending 55')).toHaveClass('sr-only')
  })
})
