import { useState } from 'react'

import { checkApiKeyName } from '@mms/rules'
import type {
  CreateApiKeyForm_CreateApiKey,
  CreateApiKeyForm_CreateApiKeyVariables,
} from 'types/graphql'

import { Form, Submit, TextField, useForm } from '@redwoodjs/forms'
import { useMutation, type TypedDocumentNode } from '@redwoodjs/web'

import { QUERY as API_KEYS_QUERY } from 'src/components/ApiKeysCell/ApiKeysCell'
import FormField, { useFieldA11y } from 'src/components/FormField'
import NewApiKeyNotice from 'src/components/NewApiKeyNotice'
import { errorSummary, fieldMessages } from 'src/lib/graphQLErrors'

export const CREATE_API_KEY: TypedDocumentNode<
  CreateApiKeyForm_CreateApiKey,
  CreateApiKeyForm_CreateApiKeyVariables
> = gql`
  mutation CreateApiKeyForm_CreateApiKey($name: String!) {
    createApiKey(name: $name) {
      apiKey {
        id
        name
        prefix
        createdAt
        lastUsedAt
        revokedAt
      }
      secret
    }
  }
`

interface CreateApiKeyValues {
  name: string
}

const NameField = () => {
  const a11y = useFieldA11y('name', { hint: true })
  return (
    <FormField
      name="name"
      label="Name"
      hint="Say which service will use it, e.g. “Billing reminders”."
    >
      <TextField
        name="name"
        className="input"
        errorClassName="input input--error"
        autoComplete="off"
        {...a11y}
        validation={{
          validate: (value: string) => {
            const checked = checkApiKeyName(value)
            return 'message' in checked ? checked.message : true
          },
        }}
      />
    </FormField>
  )
}

const CreateApiKeyForm = () => {
  const formMethods = useForm<CreateApiKeyValues>({
    defaultValues: { name: '' },
  })
  const [created, setCreated] =
    useState<CreateApiKeyForm_CreateApiKey['createApiKey']>()
  const [createApiKey, { loading, error }] = useMutation(CREATE_API_KEY, {
    refetchQueries: [{ query: API_KEYS_QUERY }],
    awaitRefetchQueries: true,
    onCompleted: ({ createApiKey }) => {
      setCreated(createApiKey)
      formMethods.reset()
    },
    // Shown by the form, beside the name or above it.
    onError: () => undefined,
  })
  const generalError = error && Object.keys(fieldMessages(error)).length === 0

  if (created) {
    return (
      <NewApiKeyNotice
        name={created.apiKey.name}
        secret={created.secret}
        onDone={() => setCreated(undefined)}
      />
    )
  }

  return (
    <Form
      formMethods={formMethods}
      error={error}
      onSubmit={(values: CreateApiKeyValues) =>
        createApiKey({ variables: values })
      }
      className="form card"
      aria-labelledby="create-api-key-heading"
    >
      <h2 id="create-api-key-heading">Create a key</h2>
      {generalError && (
        <div role="alert" className="notice notice--error">
          <p className="notice__title">The key was not created.</p>
          <p>{errorSummary(error)}</p>
        </div>
      )}
      <NameField />
      <div className="form-actions">
        <Submit className="button" disabled={loading}>
          {loading ? 'Creating…' : 'Create key'}
        </Submit>
      </div>
    </Form>
  )
}

export default CreateApiKeyForm
