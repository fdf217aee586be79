import { useEffect, useRef, useState } from 'react'

import type {
  WebhookEndpointCell_Find,
  WebhookEndpointCell_FindVariables,
  WebhookEndpointCell_Remove,
  WebhookEndpointCell_RemoveVariables,
  WebhookUrlForm_SetWebhookEndpoint,
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
import ConfirmAction from 'src/components/ConfirmAction'
import CopyField from 'src/components/CopyField'
import DateTime from 'src/components/DateTime'
import WebhookUrlForm from 'src/components/WebhookUrlForm'
import { errorSummary } from 'src/lib/graphQLErrors'

export const QUERY: TypedDocumentNode<
  WebhookEndpointCell_Find,
  WebhookEndpointCell_FindVariables
> = gql`
  query WebhookEndpointCell_Find($apiKeyId: String!) {
    apiKeyWebhook(apiKeyId: $apiKeyId) {
      apiKey {
        id
        name
        prefix
        revokedAt
      }
      endpoint {
        id
        url
        createdAt
      }
    }
  }
`

export const REMOVE_WEBHOOK_ENDPOINT: TypedDocumentNode<
  WebhookEndpointCell_Remove,
  WebhookEndpointCell_RemoveVariables
> = gql`
  mutation WebhookEndpointCell_Remove($apiKeyId: String!) {
    removeWebhookEndpoint(apiKeyId: $apiKeyId) {
      id
      disabledAt
    }
  }
`

export const Loading = (
  _props: CellLoadingProps<WebhookEndpointCell_FindVariables>
) => (
  <p role="status" className="muted">
    Loading the key’s webhook…
  </p>
)

export const isEmpty = ({ apiKeyWebhook }: WebhookEndpointCell_Find) =>
  !apiKeyWebhook

export const Empty = () => (
  <div className="card">
    <p>You have no API key with this id.</p>
    <Link to={routes.apiKeys()}>Back to your API keys</Link>
  </div>
)

export const Failure = ({
  error,
  queryResult,
}: CellFailureProps<WebhookEndpointCell_FindVariables>) => (
  <CellFailure
    title="The key’s webhook could not be loaded."
    error={error}
    onRetry={queryResult?.refetch}
  />
)

type Created = WebhookUrlForm_SetWebhookEndpoint['setWebhookEndpoint']

/** The only showing of an endpoint's signing secret. */
const WebhookSecretNotice = ({
  created,
  onDone,
}: {
  created: Created
  onDone: () => void
}) => {
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => headingRef.current?.focus(), [])

  return (
    <section
      className="notice notice--warning"
      aria-labelledby="webhook-secret-heading"
    >
      <h2 id="webhook-secret-heading" ref={headingRef} tabIndex={-1}>
        Copy the signing secret now
      </h2>
      <p>
        Status changes now go to <code>{created.endpoint.url}</code>.{' '}
        <strong>This is the only time the secret is shown.</strong> Your service
        checks each request’s <code>X-MMS-Signature</code> header with it (see
        the README). If it is lost, set the URL again for a new one.
      </p>
      <CopyField
        id="webhook-secret"
        label="Signing secret"
        value={created.secret}
        noun="secret"
      />
      <button
        type="button"
        className="button button--secondary"
        onClick={onDone}
      >
        I have stored the secret
      </button>
    </section>
  )
}

export const Success = ({
  apiKeyWebhook: { apiKey, endpoint },
  queryResult,
}: CellSuccessProps<
  WebhookEndpointCell_Find,
  WebhookEndpointCell_FindVariables
>) => {
  const [created, setCreated] = useState<Created>()
  const [removeWebhookEndpoint, { loading: removing }] = useMutation(
    REMOVE_WEBHOOK_ENDPOINT
  )
  const refetch = () => queryResult?.refetch?.()

  return (
    <>
      <p>
        Key <strong>{apiKey.name}</strong> (<code>{apiKey.prefix}</code>)
        {apiKey.revokedAt && (
          <>
            , revoked <DateTime iso={apiKey.revokedAt} />
          </>
        )}
      </p>
      {endpoint ? (
        <div className="card">
          <p>
            Status changes are POSTed to <code>{endpoint.url}</code>, since{' '}
            <DateTime iso={endpoint.createdAt} />.
          </p>
          <ConfirmAction
            label="Remove webhook"
            questionId="remove-webhook-question"
            question={
              <>
                Stop sending status changes to <code>{endpoint.url}</code>?
                Deliveries not yet made are not sent.
              </>
            }
            confirmLabel="Yes, remove"
            busyLabel="Removing…"
            busy={removing}
            danger
            onConfirm={async () => {
              await removeWebhookEndpoint({
                variables: { apiKeyId: apiKey.id },
              })
              await refetch()
            }}
            describeError={errorSummary}
          />
        </div>
      ) : (
        <p className="muted">
          This key has no webhook: its services learn what became of a message
          only by asking.
        </p>
      )}
      {created ? (
        <WebhookSecretNotice
          created={created}
          onDone={() => setCreated(undefined)}
        />
      ) : apiKey.revokedAt ? (
        <p className="muted">A revoked key sends nothing more.</p>
      ) : (
        <WebhookUrlForm
          apiKeyId={apiKey.id}
          currentUrl={endpoint?.url}
          onSet={(set) => {
            setCreated(set)
            refetch()
          }}
        />
      )}
    </>
  )
}
