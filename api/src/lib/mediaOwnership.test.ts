import {
  mayUseMediaKey,
  unsafeKeyReason,
  uploadKeyPrefix,
} from './mediaOwnership'

const SHARED = ['samples/', 'brand/logos/']

describe('mayUseMediaKey', () => {
  it.each([
    ['their own upload', 'uploads/7/0b6f/cat.png'],
    ['a file under a shared prefix', 'samples/sample.png'],
    ['a file deeper under a shared prefix', 'brand/logos/2026/logo.png'],
  ])('lets user 7 use %s', (_, key) => {
    expect(mayUseMediaKey(7, key, SHARED)).toBe(true)
  })

  it.each([
    ['another user’s upload', 'uploads/8/0b6f/cat.png'],
    ['a user whose id starts with theirs', 'uploads/70/0b6f/cat.png'],
    ['a folder whose name starts with theirs', 'uploads/7-x/cat.png'],
    ['the uploads folder itself', 'uploads/cat.png'],
    ['a path that climbs out of their folder', 'uploads/7/../8/cat.png'],
    ['a path through "."', 'uploads/7/./cat.png'],
    ['a key that only contains their prefix', 'x/uploads/7/cat.png'],
    ['a folder beside a shared one', 'samples-private/cat.png'],
    ['a shared prefix climbed out of', 'samples/../uploads/8/cat.png'],
    ['the rest of the bucket', 'photos/cat.png'],
  ])('refuses user 7 %s', (_, key) => {
    expect(mayUseMediaKey(7, key, SHARED)).toBe(false)
  })

  it('shares nothing when no prefix is configured', () => {
    expect(mayUseMediaKey(7, 'samples/sample.png', [])).toBe(false)
  })
})

describe('unsafeKeyReason', () => {
  it.each(['a/../b', '..', 'a/.', './a', 'a/./b'])('refuses %j', (key) => {
    expect(unsafeKeyReason(key)).toBe(
      'A media key may not contain "." or ".." path segments.'
    )
  })

  it.each(['a//b', '/a', 'a/', ''])('refuses %j', (key) => {
    expect(unsafeKeyReason(key)).toBe(
      'A media key may not start or end with "/" or contain "//".'
    )
  })

  it.each(['a/b.png', 'a/..b/c', 'a/b../c', '...', 'a/.hidden'])(
    'accepts %j: dots inside a name are only a name',
    (key) => {
      expect(unsafeKeyReason(key)).toBeUndefined()
    }
  )
})

it('puts a user’s uploads under uploads/<id>/', () => {
  expect(uploadKeyPrefix(42)).toBe('uploads/42/')
})
