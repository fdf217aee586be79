import { useState } from 'react'

import { useApolloClient } from '@apollo/client'
import type {
  WebhookDeliveriesCell_List,
  WebhookDeliveriesCell_ListVariables,
  WebhookDeliveriesCell_Resend,
  WebhookDeliveriesCell_ResendVariables,
} from 'types/graphql'

import { Link, routes } from '@redwoodjs/router'
import type {
  CellFailureProps,
  CellLoadingProps,
  CellSuccessProps,
  TypedDocumentNode,
} from '@redwoodjs/web'
import { useMutation } from '@redwoodjs/web'

import CellFailure from 'src/components/CellFailure'
import DateTime from 'src/components/DateTime'
import StatusBadge from 'src/components/StatusBadge'
import TableScroll from 'src/components/TableScroll'
import { errorSummary, type RequestError } from 'src/lib/graphQLErrors'
import { WEBHOOK_STATE_LABEL, attemptResult } from 'src/lib/webhookDeliveries'

export const PAGE_SIZE = 20

export const QUERY: TypedDocumentNode<
  WebhookDeliveriesCell_List,
  WebhookDeliveriesCell_ListVariables
> = gql`
  query WebhookDeliveriesCell_List(
    $apiKeyId: String!
    $first: Int
    $after: String
  ) {
    webhookDeliveries(apiKeyId: $apiKeyId, first: $first, after: $after) {
      nodes {
        id
        status
        url
        toStatusCallback
        state
        attemptCount
        nextAttemptAt
        createdAt
        message {
          id
        }
        attempts {
          number
          startedAt
          responseStatus
          errorCode
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`

export const RESEND_WEBHOOK_DELIVERY: TypedDocumentNode<
  WebhookDeliveriesCell_Resend,
  WebhookDeliveriesCell_ResendVariables
> = gql`
  mutation WebhookDeliveriesCell_Resend($id: String!) {
    resendWebhookDelivery(id: $id) {
      id
    }
  }
`

interface WebhookDeliveriesCellProps {
  apiKeyId: string
}

export const beforeQuery = ({ apiKeyId }: WebhookDeliveriesCellProps) => ({
  variables: { apiKeyId, first: PAGE_SIZE },
  fetchPolicy: 'cache-and-network' as const,
})

export const isEmpty = ({ webhookDeliveries }: WebhookDeliveriesCell_List) =>
  webhookDeliveries.nodes.length === 0

export const Loading = (
  _props: CellLoadingProps<WebhookDeliveriesCell_ListVariables>
) => (
  <p role="status" className="muted">
    Loading the deliveries…
  </p>
)

export const Empty = () => (
  <p className="muted">
    No status webhooks yet. Once the key has a webhook URL, each status change
    of the messages it sends is listed here with your service’s answers.
  </p>
)

export const Failure = ({
  error,
  queryResult,
}: CellFailureProps<WebhookDeliveriesCell_ListVariables>) => (
  <CellFailure
    title="The deliveries could not be loaded."
    error={error}
    onRetry={queryResult?.refetch}
  />
)

const deliveries = (n: number) => `${n} ${n === 1 ? 'delivery' : 'deliveries'}`

type Delivery = WebhookDeliveriesCell_List['webhookDeliveries']['nodes'][number]

const DeliveryState = ({ delivery }: { delivery: Delivery }) => {
  const { label, tone } = WEBHOOK_STATE_LABEL[delivery.state]
  return (
    <>
      <span className={`status-badge status-badge--${tone}`}>{label}</span>
      {delivery.state === 'PENDING' && delivery.nextAttemptAt && (
        <span className="muted">
          {' '}
          next <DateTime iso={delivery.nextAttemptAt} precise />
        </span>
      )}
    </>
  )
}

const Responses = ({ delivery }: { delivery: Delivery }) =>
  delivery.attempts.length === 0 ? (
    <span className="muted">Not tried yet</span>
  ) : (
    <span>{delivery.attempts.map(attemptResult).join(', ')}</span>
  )

const ResendButton = ({
  delivery,
  onResent,
}: {
  delivery: Delivery
  onResent: () => Promise<unknown>
}) => {
  const [resend, { loading, error }] = useMutation(RESEND_WEBHOOK_DELIVERY, {
    onError: () => undefined,
  })
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        disabled={loading}
        onClick={async () => {
          const { data } = await resend({ variables: { id: delivery.id } })
          if (data) await onResent()
        }}
      >
        {loading ? 'Resending…' : 'Resend'}
        <span className="sr-only"> the {delivery.status} delivery</span>
      </button>
      {error && (
        <p role="alert" className="form-field__error">
          {errorSummary(error)}
        </p>
      )}
    </>
  )
}

export const Success = ({
  webhookDeliveries: { nodes, pageInfo },
  queryResult,
  apiKeyId,
}: CellSuccessProps<
  WebhookDeliveriesCell_List,
  WebhookDeliveriesCell_ListVariables
>) => {
  const client = useApolloClient()
  // Older pages, read on request and kept below the first page, which a
  // resend or a refresh fetches again.
  const [older, setOlder] = useState<Delivery[]>([])
  const [olderPageInfo, setOlderPageInfo] = useState<typeof pageInfo>()
  const [loadingMore, setLoadingMore] = useState(false)
  const [loadMoreError, setLoadMoreError] = useState<string>()
  const [announcement, setAnnouncement] = useState('')
  const shown = [
    ...nodes,
    ...older.filter((d) => !nodes.some((n) => n.id === d.id)),
  ]
  const more = olderPageInfo ?? pageInfo

  const loadMore = async () => {
    setLoadingMore(true)
    setLoadMoreError(undefined)
    try {
      const { data } = await client.query({
        query: QUERY,
        variables: {
          apiKeyId,
          first: PAGE_SIZE,
          after: more.endCursor,
        },
        fetchPolicy: 'network-only',
      })
      setOlder((loaded) => [...loaded, ...data.webhookDeliveries.nodes])
      setOlderPageInfo(data.webhookDeliveries.pageInfo)
    } catch (error) {
      setLoadMoreError(errorSummary(error as RequestError))
    } finally {
      setLoadingMore(false)
    }
  }

  const refetch = async () => {
    await queryResult?.refetch?.()
  }

  return (
    <>
      <p className="sr-only" role="status">
        {announcement}
      </p>
      <div className="list-toolbar">
        <button
          type="button"
          className="button button--secondary"
          onClick={refetch}
        >
          Refresh
        </button>
      </div>
      <TableScroll labelledBy="webhook-deliveries-caption">
        <table className="table table--stack">
          <caption id="webhook-deliveries-caption" className="sr-only">
            Status webhooks of this key’s messages, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Status change</th>
              <th scope="col">Sent to</th>
              <th scope="col">Delivery</th>
              <th scope="col">Answers</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((delivery) => (
              <tr key={delivery.id}>
                <th scope="row">
                  <StatusBadge status={delivery.status} />{' '}
                  <Link to={routes.message({ id: delivery.message.id })}>
                    Message
                  </Link>
                </th>
                <td data-label="Sent to">
                  <span className="muted">
                    {delivery.toStatusCallback
                      ? 'statusCallbackUrl'
                      : 'Webhook'}
                  </span>{' '}
                  <code>{delivery.url}</code>
                </td>
                <td data-label="Delivery">
                  <DeliveryState delivery={delivery} />
                </td>
                <td data-label="Answers">
                  <Responses delivery={delivery} />
                </td>
                <td data-label="Created">
                  <DateTime iso={delivery.createdAt} precise />
                </td>
                <td>
                  <ResendButton
                    delivery={delivery}
                    onResent={async () => {
                      await refetch()
                      setAnnouncement(
                        'Queued again as a new delivery, at the top of the list.'
                      )
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {loadMoreError && (
        <div role="alert" className="notice notice--error">
          <p className="notice__title">Older deliveries could not be loaded.</p>
          <p>{loadMoreError}</p>
        </div>
      )}
      <div className="list-footer">
        <p className="muted" aria-live="polite">
          {more.hasNextPage
            ? `Showing the latest ${deliveries(shown.length)}.`
            : `Showing all ${deliveries(shown.length)}.`}
        </p>
        {more.hasNextPage && (
          <button
            type="button"
            className="button button--secondary"
            onClick={loadMore}
            disabled={loadingMore}
          >
            {loadingMore ? 'Loading…' : 'Load older'}
          </button>
        )}
      </div>
    </>
  )
}
