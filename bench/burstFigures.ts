/**
 * What the burst benchmarks (burst.ts, multi-instance.ts) share: waiting for
 * the queue to drain, reading every recorded message, and telling from the
 * sandbox's inbox which were lost, sent twice or sent under another id.
 */

export interface RecordedMessage {
  id: string
  messageId: string | null
  status: string
}
export interface InboxMessage {
  messageId: string
  receivedAt: string
  context: Record<string, string>
}
export interface SandboxStats {
  requests: number
  inFlight: number
  accepted: number
  throttled: number
  describeCalls: number
}

export interface MessagePage<M> {
  nodes: M[]
  pageInfo: { hasNextPage: boolean; endCursor: string | null }
}

/** One page of the api's mmsMessages, newest first. */
export type ListMessages<M> = (variables: {
  first: number
  after?: string | null
  status?: string
}) => Promise<MessagePage<M>>

export const pause = (ms: number) =>
  new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Waits until nothing is QUEUED or SENDING and the sandbox has answered every
 * request; false if `deadline` (epoch ms) came first.
 */
export const waitUntilDrained = async <M>(
  list: ListMessages<M>,
  sandboxStats: () => Promise<SandboxStats>,
  deadline: number
): Promise<boolean> => {
  for (;;) {
    const waiting = await Promise.all(
      ['QUEUED', 'SENDING'].map(
        async (status) => (await list({ first: 1, status })).nodes.length
      )
    )
    const { inFlight } = await sandboxStats()
    if (waiting.every((count) => count === 0) && inFlight === 0) return true
    if (Date.now() > deadline) return false
    await pause(1000)
  }
}

/** Every message of the caller, by id. */
export const readAllMessages = async <M extends { id: string }>(
  list: ListMessages<M>
): Promise<Map<string, M>> => {
  const messages = new Map<string, M>()
  for (let after: string | null = null; ; ) {
    const page: MessagePage<M> = await list({ first: 100, after })
    for (const m of page.nodes) messages.set(m.id, m)
    if (!page.pageInfo.hasNextPage) return messages
    after = page.pageInfo.endCursor
  }
}

const FINAL_OR_SENT = ['SENT', 'FAILED', 'UNKNOWN', 'DELIVERED', 'UNDELIVERED']

/**
 * What became of `ids` by the sandbox's inbox: each message's acceptances
 * (its context's mmsMessageId), those accepted more than once, those lost
 * (neither accepted nor in a final state), those SENT under a MessageId
 * the sandbox did not give them, and the count of each status.
 */
export const deliveryFigures = (
  ids: string[],
  messages: Map<string, RecordedMessage>,
  inbox: InboxMessage[]
) => {
  const acceptedFor = new Map<string, InboxMessage[]>()
  for (const m of inbox) {
    const id = m.context.mmsMessageId
    acceptedFor.set(id, [...(acceptedFor.get(id) ?? []), m])
  }
  const byStatus = new Map<string, number>()
  for (const id of ids) {
    const status = messages.get(id)?.status ?? 'missing'
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1)
  }
  return {
    acceptedFor,
    sentTwice: [...acceptedFor.values()].filter((a) => a.length > 1),
    lost: ids.filter(
      (id) =>
        !acceptedFor.has(id) &&
        !FINAL_OR_SENT.includes(messages.get(id)?.status ?? '')
    ),
    wrongMessageId: ids.filter((id) => {
      const m = messages.get(id)
      return (
        m?.status === 'SENT' &&
        m.messageId !== acceptedFor.get(id)?.[0]?.messageId
      )
    }),
    byStatus,
  }
}

/** The most timestamps within any one second (the sandbox's window). */
export const busiestSecond = (sortedMs: number[]) => {
  let most = 0
  for (let start = 0, end = 0; end < sortedMs.length; end++) {
    while (sortedMs[end] - sortedMs[start] >= 1000) start++
    most = Math.max(most, end - start + 1)
  }
  return most
}

/** Sends a second from the first timestamp to the last. */
export const ratePerSecond = (sortedMs: number[]) =>
  (sortedMs.length - 1) / ((sortedMs[sortedMs.length - 1] - sortedMs[0]) / 1000)
