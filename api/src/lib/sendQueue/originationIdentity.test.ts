import { originationIdentityFor } from './originationIdentity'

const IDENTITIES = ['+18445550100', '+18445550101', 'pool-abc']

/** n distinct US numbers, as recipients would be. */
const destinations = (n: number) =>
  Array.from({ length: n }, (_, i) => `+1206${String(5550000 + i)}`)

describe('originationIdentityFor', () => {
  it('refuses to choose from no identities', () => {
    expect(() => originationIdentityFor([], '+12065550123')).toThrow(
      'No origination identity is configured'
    )
  })

  it('always answers the only identity there is', () => {
    for (const destination of destinations(20)) {
      expect(originationIdentityFor(['pool-abc'], destination)).toBe('pool-abc')
    }
  })

  it('keeps each destination to one identity, call after call', () => {
    for (const destination of destinations(200)) {
      const first = originationIdentityFor(IDENTITIES, destination)
      expect(IDENTITIES).toContain(first)
      expect(originationIdentityFor([...IDENTITIES], destination)).toBe(first)
    }
  })

  it('spreads many destinations over every identity', () => {
    const counts = new Map<string, number>()
    for (const destination of destinations(3_000)) {
      const identity = originationIdentityFor(IDENTITIES, destination)
      counts.set(identity, (counts.get(identity) ?? 0) + 1)
    }
    expect([...counts.keys()].sort()).toEqual([...IDENTITIES].sort())
    for (const count of counts.values()) {
      // A third each, give or take a few percent.
      expect(count).toBeGreaterThan(850)
      expect(count).toBeLessThan(1_150)
    }
  })
})
