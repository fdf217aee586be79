import { useEffect } from 'react'

interface Pollable {
  startPolling?: (intervalMs: number) => void
  stopPolling?: () => void
}

/**
 * Polls a cell's query every `intervalMs` until the time `until` (epoch ms;
 * Infinity for as long as the component stays), e.g. while a shown message
 * may still change. `queryResult` is the cell's; its polling methods are used
 * if present.
 */
export const usePollUntil = (
  queryResult: object | undefined,
  until: number,
  intervalMs: number
) => {
  const { startPolling, stopPolling } = (queryResult ?? {}) as Pollable

  useEffect(() => {
    const remainingMs = until - Date.now()
    if (!(remainingMs > 0) || !startPolling) {
      return undefined
    }
    startPolling(intervalMs)
    // Stops on time even when polling brings nothing new to re-render with.
    const timer = Number.isFinite(remainingMs)
      ? setTimeout(() => stopPolling?.(), remainingMs)
      : undefined
    return () => {
      clearTimeout(timer)
      stopPolling?.()
    }
  }, [until, intervalMs, startPolling, stopPolling])
}

/**
 * For a polling query's `skipPollAttempt`: a tab nobody looks at asks for
 * nothing, and catches up at the next poll after it is shown again.
 */
export const skipPollWhileHidden = () => document.visibilityState === 'hidden'
