import { useEffect } from 'react'

import { STATUS_POLL_INTERVAL_MS } from 'src/lib/messageStatus'

interface Pollable {
  startPolling?: (intervalMs: number) => void
  stopPolling?: () => void
}

/**
 * Polls a cell's query while `active`, e.g. while a shown message may still
 * change. `queryResult` is the cell's; its polling methods are used if present.
 */
export const usePollWhile = (
  queryResult: object | undefined,
  active: boolean
) => {
  const { startPolling, stopPolling } = (queryResult ?? {}) as Pollable

  useEffect(() => {
    if (!active || !startPolling) {
      return undefined
    }
    startPolling(STATUS_POLL_INTERVAL_MS)
    return () => stopPolling?.()
  }, [active, startPolling, stopPolling])
}
