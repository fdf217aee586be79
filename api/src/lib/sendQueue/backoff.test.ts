import { retryDelayMs } from './backoff'

const lowest = () => 0
const highest = () => 1 - Number.EPSILON
const middle = () => 0.5

describe('retryDelayMs', () => {
  it('waits half to all of a second after a throttled attempt, however many came before', () => {
    for (const counted of [0, 1, 2, 5, 10]) {
      expect(retryDelayMs('THROTTLED', counted, lowest)).toBe(500)
      expect(retryDelayMs('THROTTLED', counted, highest)).toBe(1000)
    }
  })

  it.each([
    [1, 500, 1_000],
    [2, 1_000, 2_000],
    [3, 2_000, 4_000],
    [6, 16_000, 32_000],
    [7, 30_000, 60_000],
    [10, 30_000, 60_000],
  ])(
    'after %i counted transient attempts, waits %i to %i ms',
    (counted, least, most) => {
      expect(retryDelayMs('TRANSIENT', counted, lowest)).toBe(least)
      expect(retryDelayMs('TRANSIENT', counted, highest)).toBe(most)
    }
  )

  it('treats no counted attempt as the first', () => {
    expect(retryDelayMs('TRANSIENT', 0, middle)).toBe(
      retryDelayMs('TRANSIENT', 1, middle)
    )
  })

  it('spreads messages that failed together over the upper half of the window', () => {
    const delays = Array.from({ length: 11 }, (_, i) =>
      retryDelayMs('TRANSIENT', 2, () => i / 10)
    )
    expect(delays).toEqual([
      1_000, 1_100, 1_200, 1_300, 1_400, 1_500, 1_600, 1_700, 1_800, 1_900,
      2_000,
    ])
  })
})
