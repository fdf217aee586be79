/** A delivery not answered 2xx within a day of its status change fails. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000

const FIRST_RETRY_MS = 10_000
const LONGEST_RETRY_MS = 60 * 60 * 1000

/**
 * The wait before the next attempt, after `attempts` failed ones: doubling
 * from 10 s up to an hour, each wait drawn between half and all of that, so
 * the deliveries that failed together (a receiver that was down) do not all
 * come back together.
 */
export const webhookRetryDelayMs = (
  attempts: number,
  random: () => number = Math.random
): number => {
  const ceiling = Math.min(
    LONGEST_RETRY_MS,
    FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1)
  )
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}
