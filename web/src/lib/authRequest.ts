export const AUTH_UNREACHABLE =
  'The server could not be reached. Check your connection and try again.'

/**
 * Runs a call of dbAuth's web client (`logIn`, `signUp`, …), which answers
 * `{ error }` when the api refuses but throws when no JSON comes back at all
 * (no connection, the api restarting): that becomes an `{ error }` too, so
 * the page says something instead of nothing.
 */
export const authRequest = async <T>(
  call: () => Promise<T>
): Promise<T | { error: string }> => {
  try {
    return await call()
  } catch {
    return { error: AUTH_UNREACHABLE }
  }
}
