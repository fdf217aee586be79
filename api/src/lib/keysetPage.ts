/** Where a page ends in a list ordered newest first by (createdAt, id). */
export interface KeysetCursor {
  id: string
  createdAt: Date
}

/** The order every keyset-paged list is read in: newest first, ties by id. */
export const newestFirst = () => [
  { createdAt: 'desc' as const },
  { id: 'desc' as const },
]

/**
 * The rows after `cursor`: everything up to the cursor's time, less its ties
 * from the cursor on. The first condition bounds an index ending in
 * (createdAt, id), so a page is read from the cursor's place at any depth;
 * the second only looks at the few rows at that one time. (The equivalent
 * `createdAt < t OR (createdAt = t AND id < i)` is no bound: SQLite and
 * PostgreSQL both read every newer row and filter it out.)
 */
export const afterCursor = (cursor: KeysetCursor) => ({
  createdAt: { lte: cursor.createdAt },
  NOT: { createdAt: cursor.createdAt, id: { gte: cursor.id } },
})

/** A page from `take + 1` rows read in order: the nodes, and whether more follow. */
export const pageOf = <T extends { id: string }>(rows: T[], take: number) => {
  const nodes = rows.slice(0, take)
  return {
    nodes,
    pageInfo: {
      hasNextPage: rows.length > take,
      endCursor: nodes.length > 0 ? nodes[nodes.length - 1].id : null,
    },
  }
}
