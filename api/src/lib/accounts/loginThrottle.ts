import { db } from 'src/lib/db'

/**
 * Failed log-ins are counted per account and per client address. Past a
 * threshold each further failure locks that key for twice as long as the
 * last (up to a cap); while locked, no password is checked at all, so a
 * brute-force run costs the server almost nothing. A success clears the
 * account's count; counts older than the decay window start again.
 */
const RULES = {
  account: { threshold: 5 },
  address: { threshold: 20 },
} as const
const FIRST_LOCK_MS = 15_000
const MAX_LOCK_MS = 15 * 60_000
const DECAY_MS = 60 * 60_000

export type ThrottleKind = keyof typeof RULES

export const throttleKey = (kind: ThrottleKind, value: string) => `${kind}:${value}`

export interface LoginLock {
  kind: ThrottleKind
  retryAfterSeconds: number
}

export const lockDuration = (kind: ThrottleKind, failures: number): number => {
  const over = failures - RULES[kind].threshold
  return over < 0 ? 0 : Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** over)
}

/** The lock in force for this account or address, if any (the longer one). */
export const currentLoginLock = async (
  keys: Record<ThrottleKind, string>,
  now = new Date()
): Promise<LoginLock | null> => {
  const rows = await db.loginThrottle.findMany({
    where: { key: { in: [throttleKey('account', keys.account), throttleKey('address', keys.address)] } },
  })
  let lock: LoginLock | null = null
  for (const row of rows) {
    if (row.lockedUntil && row.lockedUntil > now) {
      const retryAfterSeconds = Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000)
      if (!lock || retryAfterSeconds > lock.retryAfterSeconds) {
        lock = { kind: row.key.startsWith('account:') ? 'account' : 'address', retryAfterSeconds }
      }
    }
  }
  return lock
}

const recordFailureFor = async (kind: ThrottleKind, value: string, now: Date) => {
  const key = throttleKey(kind, value)
  const existing = await db.loginThrottle.findUnique({ where: { key } })
  const decayed = !existing || now.getTime() - existing.lastFailureAt.getTime() > DECAY_MS
  const failures = decayed ? 1 : existing.failures + 1
  const lockMs = lockDuration(kind, failures)
  const data = {
    failures,
    lastFailureAt: now,
    lockedUntil: lockMs > 0 ? new Date(now.getTime() + lockMs) : null,
  }
  await db.loginThrottle.upsert({ where: { key }, create: { key, ...data }, update: data })
}

export const recordLoginFailure = async (
  keys: Record<ThrottleKind, string>,
  now = new Date()
) => {
  await recordFailureFor('account', keys.account, now)
  await recordFailureFor('address', keys.address, now)
}

export const clearAccountFailures = (account: string) =>
  db.loginThrottle.deleteMany({ where: { key: throttleKey('account', account) } })
