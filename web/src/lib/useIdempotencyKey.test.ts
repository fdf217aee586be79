import { renderHook } from '@redwoodjs/testing/web'

import { newIdempotencyKey, useIdempotencyKey } from './useIdempotencyKey'

const UUID_V4 =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('newIdempotencyKey', () => {
  it('makes a version 4 UUID, also where crypto.randomUUID is missing (plain HTTP)', () => {
    expect(crypto.randomUUID).toBeUndefined()
    const keys = new Set(Array.from({ length: 50 }, newIdempotencyKey))
    expect(keys.size).toBe(50)
    for (const key of keys) {
      expect(key).toMatch(UUID_V4)
    }
  })
})

describe('useIdempotencyKey', () => {
  it('gives the same key for the same content until forgotten', () => {
    const { result } = renderHook(() => useIdempotencyKey())
    const first = result.current.keyFor('["+14254147755","Hello"]')

    expect(result.current.keyFor('["+14254147755","Hello"]')).toBe(first)
    expect(result.current.keyFor('["+14254147755","Hello!"]')).not.toBe(first)

    const second = result.current.keyFor('["+14254147755","Hello"]')
    expect(second).not.toBe(first)
    result.current.forget()
    expect(result.current.keyFor('["+14254147755","Hello"]')).not.toBe(second)
  })
})
