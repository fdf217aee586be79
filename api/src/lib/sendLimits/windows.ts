/**
 * The current time in ms. Not Date.now(): the api's build binds that to the
 * native function when a module loads, so a test could not set the clock.
 */
export const currentTimeMs = () => new Date().getTime()

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

/** A fixed window counted on its own: every send in it shares one counter. */
export interface SendWindow {
  kind: 'MINUTE' | 'DAY'
  /** Names the window in counter keys: minutes since the epoch, or the UTC date. */
  id: string
  startMs: number
  endMs: number
}

export const minuteWindow = (nowMs: number): SendWindow => {
  const minute = Math.floor(nowMs / MINUTE_MS)
  return {
    kind: 'MINUTE',
    id: String(minute),
    startMs: minute * MINUTE_MS,
    endMs: (minute + 1) * MINUTE_MS,
  }
}

/** The UTC day, so every api process agrees on it whatever its time zone. */
export const dayWindow = (nowMs: number): SendWindow => {
  const day = Math.floor(nowMs / DAY_MS)
  return {
    kind: 'DAY',
    id: new Date(day * DAY_MS).toISOString().slice(0, 10),
    startMs: day * DAY_MS,
    endMs: (day + 1) * DAY_MS,
  }
}
