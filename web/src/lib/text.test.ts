import { count, excerpt } from './text'

describe('count', () => {
  it('agrees in number', () => {
    expect(count(0, 'message')).toBe('0 messages')
    expect(count(1, 'message')).toBe('1 message')
    expect(count(21, 'message')).toBe('21 messages')
  })
})

describe('excerpt', () => {
  it('leaves a short text alone', () => {
    expect(excerpt('See you at 10.', 20)).toBe('See you at 10.')
  })

  it('cuts a long text at a word and marks the cut', () => {
    expect(excerpt('The photos from Saturday, as promised.', 20)).toBe(
      'The photos from…'
    )
  })

  it('cuts a text without spaces at the limit', () => {
    expect(excerpt('x'.repeat(30), 10)).toBe(`${'x'.repeat(10)}…`)
  })
})
