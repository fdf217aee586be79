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

export const throttleKey = (kind: ThrottleKind, value: string) =>
  `${kind}:${value}`

export interface LoginLock {
  kind: ThrottleKind
  retryAfterSeconds: number
}

export const lockDuration = (kind: ThrottleKind, failures: number): number => {
  const over = failures - RULES[kind].threshold
  return over < 0 ? 0 : Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** over)
}

/**
 * Locks this process has read from the database, kept for a few seconds: a
 * flood of attempts on a locked key is then refused without a query. A lock
 * another process clears (a password reset) is honoured here for at most
 * those few seconds more.
 */
const knownLocks = new Map<
  string,
  { lockedUntilMs: number; forgetAtMs: number }
>()
const KNOWN_LOCKS_MAX = 10_000
const REMEMBER_LOCK_MS = 5_000

/** For tests that move a lock's end in the database. */
export const forgetRememberedLoginLocks = () => knownLocks.clear()

const rememberLock = (key: string, lockedUntilMs: number, nowMs: number) => {
  if (knownLocks.size >= KNOWN_LOCKS_MAX) {
    for (const [known, { forgetAtMs }] of knownLocks) {
      if (forgetAtMs <= nowMs) knownLocks.delete(known)
    }
    if (knownLocks.size >= KNOWN_LOCKS_MAX) knownLocks.clear()
  }
  knownLocks.set(key, {
    lockedUntilMs,
    forgetAtMs: Math.min(lockedUntilMs, nowMs + REMEMBER_LOCK_MS),
  })
}

const lockOf = (key: string, untilMs: number, nowMs: number): LoginLock => ({
  kind: key.startsWith('account:') ? 'account' : 'address',
  retryAfterSeconds: Math.ceil((untilMs - nowMs) / 1000),
})

const longer = (a: LoginLock | null, b: LoginLock) =>
  !a || b.retryAfterSeconds > a.retryAfterSeconds ? b : a

/** The lock in force for this account or address, if any (the longer one). */
export const currentLoginLock = async (
  keys: Record<ThrottleKind, string>,
  now = new Date()
): Promise<LoginLock | null> => {
  const nowMs = now.getTime()
  const wanted = [
    throttleKey('account', keys.account),
    throttleKey('address', keys.address),
  ]
  let lock: LoginLock | null = null
  for (const key of wanted) {
    const known = knownLocks.get(key)
    if (known && known.forgetAtMs > nowMs) {
      lock = longer(lock, lockOf(key, known.lockedUntilMs, nowMs))
    }
  }
  if (lock) {
    return lock
  }
  const rows = await db.loginThrottle.findMany({
    where: { key: { in: wanted } },
  })
  for (const row of rows) {
    const until = row.lockedUntil?.getTime()
    if (until !== undefined && until > nowMs) {
      rememberLock(row.key, until, nowMs)
      lock = longer(lock, lockOf(row.key, until, nowMs))
    }
  }
  return lock
}

const recordFailureFor = async (
  kind: ThrottleKind,
  value: string,
  now: Date
) => {
  const key = throttleKey(kind, value)
  const existing = await db.loginThrottle.findUnique({ where: { key } })
  const decayed =
    !existing || now.getTime() - existing.lastFailureAt.getTime() > DECAY_MS
  const failures = decayed ? 1 : existing.failures + 1
  const lockMs = lockDuration(kind, failures)
  const data = {
    failures,
    lastFailureAt: now,
    lockedUntil: lockMs > 0 ? new Date(now.getTime() + lockMs) : null,
  }
  await db.loginThrottle.upsert({
    where: { key },
    create: { key, ...data },
    update: data,
  })
}

export const recordLoginFailure = async (
  keys: Record<ThrottleKind, string>,
  now = new Date()
) => {
  await recordFailureFor('account', keys.account, now)
  await recordFailureFor('address', keys.address, now)
}

/** After a good password, or a reset: the account starts again with no failures. */
export const clearAccountFailures = (account: string) => {
  knownLocks.delete(throttleKey('account', account))
  return db.loginThrottle.deleteMany({
    where: { key: throttleKey('account', account) },
  })
}
