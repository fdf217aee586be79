import { useEffect } from 'react'

import { onError } from '@apollo/client/link/error'

import { useAuth } from 'src/auth'

const listeners = new Set<() => void>()

/**
 * Watches every GraphQL answer for UNAUTHENTICATED: the api says so when the
 * session cookie no longer opens a session (an admin disabled the account,
 * the password was changed elsewhere, the session expired). Redwood's auth
 * state only learns of that when it asks again, so the app asks at once.
 */
export const sessionEndedLink = onError(({ graphQLErrors }) => {
  if (
    graphQLErrors?.some(
      (error) => error.extensions?.code === 'UNAUTHENTICATED'
    )
  ) {
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
