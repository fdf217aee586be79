/**
 * Where to go after signing in. Only a path on this site is followed, so a
 * crafted `redirectTo` link cannot send someone elsewhere.
 */
export const safeRedirectPath = (
  redirectTo: string | undefined,
  fallback: string
): string =>
  redirectTo && redirectTo.startsWith('/') && !redirectTo.startsWith('//')
    ? redirectTo
    : fallback
