import type {
  RevokeApiKeyButton_RevokeApiKey,
  RevokeApiKeyButton_RevokeApiKeyVariables,
} from 'types/graphql'

import { useMutation, type TypedDocumentNode } from '@redwoodjs/web'

import ConfirmAction from 'src/components/ConfirmAction'
import { errorSummary } from 'src/lib/graphQLErrors'

export const REVOKE_API_KEY: TypedDocumentNode<
  RevokeApiKeyButton_RevokeApiKey,
  RevokeApiKeyButton_RevokeApiKeyVariables
> = gql`
  mutation RevokeApiKeyButton_RevokeApiKey($id: String!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`

interface RevokeApiKeyButtonProps {
  apiKey: { id: string; name: string }
  onRevoked?: (apiKey: { id: string; name: string }) => void
}

/** Revokes a key after the person confirms, in place, what revoking means. */
const RevokeApiKeyButton = ({ apiKey, onRevoked }: RevokeApiKeyButtonProps) => {
  const [revokeApiKey, { loading }] = useMutation(REVOKE_API_KEY)

  return (
    <ConfirmAction
      label={
        <>
          Revoke<span className="sr-only"> {apiKey.name}</span>
        </>
      }
      questionId={`revoke-${apiKey.id}-question`}
      question={
        <>
          Revoke <strong>{apiKey.name}</strong>? Services using it are refused
          at once. This cannot be undone.
        </>
      }
      confirmLabel="Yes, revoke"
      busyLabel="Revoking…"
      busy={loading}
      danger
      onConfirm={async () => {
        await revokeApiKey({ variables: { id: apiKey.id } })
        onRevoked?.(apiKey)
      }}
      describeError={errorSummary}
    />
  )
}

export default RevokeApiKeyButton
