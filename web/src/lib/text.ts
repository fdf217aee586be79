/** `count(1, 'message')` → "1 message", `count(3, 'message')` → "3 messages". */
export const count = (n: number, noun: string) =>
  `${n} ${noun}${n === 1 ? '' : 's'}`

/** The start of a long text, cut at a word where it can be. */
export const excerpt = (text: string, maxLength: number) => {
  if (text.length <= maxLength) {
    return text
  }
  const cut = text.slice(0, maxLength)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > maxLength * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`
}
