import { useEffect, useRef } from 'react'

import { navigate, routes } from '@redwoodjs/router'

import { useAuth } from 'src/auth'

/**
 * For pages only a signed-out person needs (log in, sign up, reset): sends a
 * signed-in person on to `destination`, and returns a ref for the field that
 * should have focus when the page opens.
 */
export const useSignedOutPage = (destination: string = routes.send()) => {
  const { isAuthenticated } = useAuth()
  const firstFieldRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (isAuthenticated) {
      navigate(destination)
    }
  }, [isAuthenticated, destination])

  useEffect(() => {
    firstFieldRef.current?.focus()
  }, [])

  return firstFieldRef
}
