import { useEffect } from 'react'

import { onError } from '@apollo/client/link/error'

import { useAuth } from 'src/auth'

const listeners = new Set<() => void>()

/**
 * Watches every failed GraphQL request for a session that has ended (an
 * admin disabled the account, the password was changed elsewhere, the
 * session expired). Redwood's auth state only learns of that when it asks
 * again, so the app asks at once. Two signs: the api answers
 * UNAUTHENTICATED, or the request went without a token because the auth
 * endpoint no longer knows the session cookie (Redwood then still sends its
 * auth-provider header, which the api refuses as a malformed request).
 */
export const sessionEndedLink = onError(({ graphQLErrors, operation }) => {
  const unauthenticated = graphQLErrors?.some(
    (error) => error.extensions?.code === 'UNAUTHENTICATED'
  )
  // Set by Redwood's own link, which runs the auth endpoint's getToken.
  const sentWithoutToken = !operation.getContext().token
  if (unauthenticated || sentWithoutToken) {
    listeners.forEach((listener) => listener())
  }
})

/**
 * While someone is signed in, re-reads the auth state when the api says the
 * session has ended, so private pages send them to log in.
 */
export const useSignOutWhenSessionEnds = () => {
  const { isAuthenticated, reauthenticate } = useAuth()

  useEffect(() => {
    if (!isAuthenticated) {
      return undefined
    }
    const listener = () => {
      reauthenticate()
    }
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }, [isAuthenticated, reauthenticate])
}
