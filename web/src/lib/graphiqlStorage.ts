/** The part of the Web Storage API that GraphiQL's `storage` prop uses. */
export interface GraphiqlStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
  clear(): void
  readonly length: number
}

/**
 * GraphiQL keeps its tabs and history, variables (phone numbers) included,
 * in localStorage by default, where they would outlive the session and meet
 * the next person who signs in on the same browser. This keeps them in
 * `backing` (sessionStorage: this browser tab, until it closes) under a
 * prefix of the signed-in person's own.
 */
export const scopedStorage = (
  backing: Storage,
  scope: string
): GraphiqlStorage => {
  const prefix = `${scope}:`
  const ownKeys = () => {
    const keys: string[] = []
    for (let index = 0; index < backing.length; index++) {
      const key = backing.key(index)
      if (key?.startsWith(prefix)) {
        keys.push(key)
      }
    }
    return keys
  }
  return {
    getItem: (key) => backing.getItem(prefix + key),
    setItem: (key, value) => backing.setItem(prefix + key, value),
    removeItem: (key) => backing.removeItem(prefix + key),
    clear: () => ownKeys().forEach((key) => backing.removeItem(key)),
    get length() {
      return ownKeys().length
    },
  }
}
