import { useEffect, useRef, useState } from 'react'

import type {
  MessagesCell_List,
  MessagesCell_ListVariables,
  MmsStatus,
} from 'types/graphql'

import { Link, routes } from '@redwoodjs/router'
import type {
  CellFailureProps,
  CellLoadingProps,
  CellSuccessProps,
  TypedDocumentNode,
} from '@redwoodjs/web'

import CellFailure from 'src/components/CellFailure'
import MessageSummary from 'src/components/MessageSummary'
import { errorSummary, type RequestError } from 'src/lib/graphQLErrors'
import { MESSAGE_STATUS, pollUntil } from 'src/lib/messageStatus'
import { count } from 'src/lib/text'
import { skipPollWhileHidden, usePollUntil } from 'src/lib/usePollUntil'

export const PAGE_SIZE = 20

/** How often the list asks for news while a message in it may still change. */
export const POLL_INTERVAL_MS = 5_000

export const QUERY: TypedDocumentNode<
  MessagesCell_List,
  MessagesCell_ListVariables
> = gql`
  query MessagesCell_List($first: Int, $after: String, $status: MmsStatus) {
    mmsMessages(first: $first, after: $after, status: $status) {
      nodes {
        id
        status
        destinationPhoneNumber
        messageBody
        dryRun
        errorCode
        errorMessage
        createdAt
        updatedAt
        media {
          url
          contentType
          previewUrl
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`

interface MessagesCellProps {
  /** Shows only messages with this status; all messages when absent. */
  status?: MmsStatus
}

export const beforeQuery = ({ status }: MessagesCellProps) => ({
  variables: { status: status ?? null, first: PAGE_SIZE },
  fetchPolicy: 'cache-and-network' as const,
  notifyOnNetworkStatusChange: true,
  skipPollAttempt: skipPollWhileHidden,
})

export const isEmpty = ({ mmsMessages }: MessagesCell_List) =>
  mmsMessages.nodes.length === 0

export const Loading = (
  _props: CellLoadingProps<MessagesCell_ListVariables>
) => (
  <p role="status" className="muted">
    Loading your messages…
  </p>
)

export const Empty = ({ status }: MessagesCellProps) =>
  status ? (
    <div className="card">
      <p>No messages have the status “{MESSAGE_STATUS[status].label}”.</p>
      <Link to={routes.messages()}>Show all messages</Link>
    </div>
  ) : (
    <div className="card">
      <p>You have not sent any messages yet.</p>
      <Link to={routes.send()} className="button">
        Send your first MMS
      </Link>
    </div>
  )

export const Failure = ({
  error,
  queryResult,
}: CellFailureProps<MessagesCell_ListVariables>) => (
  <CellFailure
    title="Your messages could not be loaded."
    error={error}
    onRetry={queryResult?.refetch}
  />
)

export const Success = ({
  mmsMessages: { nodes, pageInfo },
  queryResult,
}: CellSuccessProps<MessagesCell_List, MessagesCell_ListVariables>) => {
  // Polling fetches the first page again, so only its messages can be
  // brought up to date; older pages are long settled in practice.
  usePollUntil(
    queryResult,
    pollUntil(nodes.slice(0, PAGE_SIZE)),
    POLL_INTERVAL_MS
  )

  const listRef = useRef<HTMLOListElement>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [loadMoreError, setLoadMoreError] = useState<string>()
  const [focusIndex, setFocusIndex] = useState<number>()

  // After "Load more", keyboard and screen reader users carry on from the
  // first message just loaded rather than from the top of the page.
  useEffect(() => {
    if (focusIndex === undefined || nodes.length <= focusIndex) {
      return
    }
    listRef.current?.children[focusIndex]?.querySelector('a')?.focus()
    setFocusIndex(undefined)
  }, [focusIndex, nodes.length])

  const loadMore = async () => {
    setLoadingMore(true)
    setLoadMoreError(undefined)
    try {
      await queryResult?.fetchMore?.({
        variables: { after: pageInfo.endCursor },
      })
      setFocusIndex(nodes.length)
    } catch (error) {
      setLoadMoreError(errorSummary(error as RequestError))
    } finally {
      setLoadingMore(false)
    }
  }

  return (
    <>
      <ol className="message-list" ref={listRef}>
        {nodes.map((message) => (
          <li key={message.id}>
            <MessageSummary message={message} />
          </li>
        ))}
      </ol>
      {loadMoreError && (
        <div role="alert" className="notice notice--error">
          <p className="notice__title">More messages could not be loaded.</p>
          <p>{loadMoreError}</p>
        </div>
      )}
      <div className="list-footer">
        <p className="muted" aria-live="polite">
          {pageInfo.hasNextPage
            ? `Showing the latest ${count(nodes.length, 'message')}.`
            : `Showing all ${count(nodes.length, 'message')}.`}
        </p>
        {pageInfo.hasNextPage && (
          <button
            type="button"
            className="button button--secondary"
            onClick={loadMore}
            disabled={loadingMore}
          >
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        )}
      </div>
    </>
  )
}
