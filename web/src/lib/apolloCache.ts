import type { ApolloClientCacheConfig } from '@redwoodjs/web/apollo'

interface MessagePage {
  nodes: readonly unknown[]
  pageInfo: { endCursor: string | null; hasNextPage: boolean }
}

const uniqueBy = <T>(items: readonly T[], key: (item: T) => unknown): T[] => {
  const seen = new Set<unknown>()
  return items.filter((item) => {
    const id = key(item)
    if (seen.has(id)) {
      return false
    }
    seen.add(id)
    return true
  })
}

/**
 * `mmsMessages` is one list per status filter, grown page by page with "Load
 * more". The first page is fetched again by polling and on every visit; it
 * replaces the top of the list and keeps the older pages loaded below it.
 */
export const cacheConfig: ApolloClientCacheConfig = {
  typePolicies: {
    Query: {
      fields: {
        mmsMessages: {
          keyArgs: ['status'],
          merge(
            existing: MessagePage | undefined,
            incoming: MessagePage,
            { args, readField }
          ): MessagePage {
            if (!existing) {
              return incoming
            }
            const idOf = (node: unknown) =>
              readField<string>('id', node as never)
            const positionOf = (id: unknown) =>
              existing.nodes.findIndex((node) => idOf(node) === id)

            if (args?.after) {
              const cursor = positionOf(args.after)
              const above =
                cursor === -1
                  ? existing.nodes
                  : existing.nodes.slice(0, cursor + 1)
              return {
                ...incoming,
                nodes: uniqueBy([...above, ...incoming.nodes], idOf),
              }
            }

            const lastOfPage = incoming.nodes[incoming.nodes.length - 1]
            const overlap =
              lastOfPage === undefined ? -1 : positionOf(idOf(lastOfPage))
            const below =
              overlap === -1 ? [] : existing.nodes.slice(overlap + 1)
            if (!incoming.pageInfo.hasNextPage || below.length === 0) {
              return incoming
            }
            return {
              nodes: uniqueBy([...incoming.nodes, ...below], idOf),
              pageInfo: existing.pageInfo,
            }
          },
        },
      },
    },
  },
}
