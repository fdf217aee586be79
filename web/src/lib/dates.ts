const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
})

const preciseDateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
})

export const formatDateTime = (iso: string, { precise = false } = {}) =>
  (precise ? preciseDateTimeFormat : dateTimeFormat).format(new Date(iso))

/** 90 → "1 min 30 s", 259200 → "3 d". */
export const formatSeconds = (totalSeconds: number): string => {
  const units: [string, number][] = [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
    ['s', 1],
  ]
  const parts: string[] = []
  let rest = totalSeconds
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size)
    if (count > 0) {
      parts.push(`${count} ${unit}`)
      rest -= count * size
    }
  }
  return parts.length > 0 ? parts.join(' ') : '0 s'
}
