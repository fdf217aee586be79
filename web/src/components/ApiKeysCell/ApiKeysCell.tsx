import { useRef, useState } from 'react'

import type { ApiKeysCell_List, ApiKeysCell_ListVariables } from 'types/graphql'

import { Link, routes } from '@redwoodjs/router'
import type {
  CellFailureProps,
  CellLoadingProps,
  CellSuccessProps,
  TypedDocumentNode,
} from '@redwoodjs/web'

import CellFailure from 'src/components/CellFailure'
import DateTime from 'src/components/DateTime'
import RevokeApiKeyButton from 'src/components/RevokeApiKeyButton'
import TableScroll from 'src/components/TableScroll'

export const QUERY: TypedDocumentNode<
  ApiKeysCell_List,
  ApiKeysCell_ListVariables
> = gql`
  query ApiKeysCell_List {
    apiKeys {
      id
      name
      prefix
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`

export const Loading = (
  _props: CellLoadingProps<ApiKeysCell_ListVariables>
) => (
  <p role="status" className="muted">
    Loading your API keys…
  </p>
)

export const Empty = () => (
  <p className="muted">
    You have no API keys yet. Create one above to let a service send messages
    for you.
  </p>
)

export const Failure = ({
  error,
  queryResult,
}: CellFailureProps<ApiKeysCell_ListVariables>) => (
  <CellFailure
    title="Your API keys could not be loaded."
    error={error}
    onRetry={queryResult?.refetch}
  />
)

type ApiKey = ApiKeysCell_List['apiKeys'][number]

const KeyStatus = ({ apiKey }: { apiKey: ApiKey }) =>
  apiKey.revokedAt ? (
    <span>
      Revoked <DateTime iso={apiKey.revokedAt} />
    </span>
  ) : (
    <span className="status-badge status-badge--sent">Active</span>
  )

export const Success = ({
  apiKeys,
}: CellSuccessProps<ApiKeysCell_List, ApiKeysCell_ListVariables>) => {
  const tableRef = useRef<HTMLDivElement>(null)
  const [announcement, setAnnouncement] = useState('')

  const onRevoked = ({ name }: { name: string }) => {
    setAnnouncement(`The key ${name} was revoked.`)
    tableRef.current?.focus()
  }

  return (
    <>
      <p className="sr-only" role="status">
        {announcement}
      </p>
      <TableScroll labelledBy="api-keys-caption" ref={tableRef}>
        <table className="table table--stack">
          <caption id="api-keys-caption" className="sr-only">
            Your API keys, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Prefix</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {apiKeys.map((apiKey) => (
              <tr
                key={apiKey.id}
                className={apiKey.revokedAt ? 'table--revoked' : undefined}
              >
                <th scope="row">{apiKey.name}</th>
                <td data-label="Prefix">
                  <code>{apiKey.prefix}</code>
                </td>
                <td data-label="Created">
                  <DateTime iso={apiKey.createdAt} />
                </td>
                <td data-label="Last used">
                  {apiKey.lastUsedAt ? (
                    <DateTime iso={apiKey.lastUsedAt} />
                  ) : (
                    'Never'
                  )}
                </td>
                <td data-label="Status">
                  <KeyStatus apiKey={apiKey} />
                </td>
                <td>
                  <Link to={routes.apiKeyWebhook({ id: apiKey.id })}>
                    Webhook<span className="sr-only"> of {apiKey.name}</span>
                  </Link>{' '}
                  {!apiKey.revokedAt && (
                    <RevokeApiKeyButton apiKey={apiKey} onRevoked={onRevoked} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  )
}
