import { useEffect, useRef, useState } from 'react'

import type {
  RevokeApiKeyButton_RevokeApiKey,
  RevokeApiKeyButton_RevokeApiKeyVariables,
} from 'types/graphql'

import { useMutation, type TypedDocumentNode } from '@redwoodjs/web'

import { errorSummary, type RequestError } from 'src/lib/graphQLErrors'

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
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string>()
  const cancelRef = useRef<HTMLButtonElement>(null)
  const revokeRef = useRef<HTMLButtonElement>(null)
  const [revokeApiKey, { loading }] = useMutation(REVOKE_API_KEY)

  useEffect(() => {
    if (confirming) {
      cancelRef.current?.focus()
    }
  }, [confirming])

  const cancel = () => {
    setConfirming(false)
    setError(undefined)
    // Back on the button that opened the question, once it is rendered again.
    setTimeout(() => revokeRef.current?.focus())
  }

  const revoke = async () => {
    setError(undefined)
    try {
      await revokeApiKey({ variables: { id: apiKey.id } })
      onRevoked?.(apiKey)
    } catch (caught) {
      setError(errorSummary(caught as RequestError))
    }
  }

  if (!confirming) {
    return (
      <button
        ref={revokeRef}
        type="button"
        className="button button--secondary button--small"
        onClick={() => setConfirming(true)}
      >
        Revoke<span className="sr-only"> {apiKey.name}</span>
      </button>
    )
  }

  const questionId = `revoke-${apiKey.id}-question`
  return (
    <div className="confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId}>
        Revoke <strong>{apiKey.name}</strong>? Services using it are refused at
        once. This cannot be undone.
      </p>
      {error && (
        <p role="alert" className="form-field__error">
          {error}
        </p>
      )}
      <div className="confirm__actions">
        <button
          type="button"
          className="button button--danger button--small"
          onClick={revoke}
          disabled={loading}
        >
          {loading ? 'Revoking…' : 'Yes, revoke'}
        </button>
        <button
          ref={cancelRef}
          type="button"
          className="button button--secondary button--small"
          onClick={cancel}
          disabled={loading}
        >
          Cancel
        </button>
      </div>
    </div>
  )
}

export default RevokeApiKeyButton
