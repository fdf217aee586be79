import type {
  WebhookUrlForm_SetWebhookEndpoint,
  WebhookUrlForm_SetWebhookEndpointVariables,
} from 'types/graphql'

import { Form, Submit, UrlField, useForm } from '@redwoodjs/forms'
import { useMutation, type TypedDocumentNode } from '@redwoodjs/web'

import FormField, { useFieldA11y } from 'src/components/FormField'
import { errorSummary, fieldMessages } from 'src/lib/graphQLErrors'

export const SET_WEBHOOK_ENDPOINT: TypedDocumentNode<
  WebhookUrlForm_SetWebhookEndpoint,
  WebhookUrlForm_SetWebhookEndpointVariables
> = gql`
  mutation WebhookUrlForm_SetWebhookEndpoint(
    $apiKeyId: String!
    $url: String!
  ) {
    setWebhookEndpoint(apiKeyId: $apiKeyId, url: $url) {
      endpoint {
        id
        apiKeyId
        url
        createdAt
        disabledAt
      }
      secret
    }
  }
`

interface WebhookUrlFormValues {
  url: string
}

interface WebhookUrlFormProps {
  apiKeyId: string
  /** The URL in use, if any: the form then replaces it. */
  currentUrl?: string
  /** Called with the new endpoint's secret, which is shown only now. */
  onSet: (
    created: WebhookUrlForm_SetWebhookEndpoint['setWebhookEndpoint']
  ) => void
}

const UrlInput = () => {
  const a11y = useFieldA11y('url', { hint: true })
  return (
    <FormField
      name="url"
      label="Webhook URL"
      hint="An https URL of your service. Every status change of the messages sent with this key is POSTed there, signed."
    >
      <UrlField
        name="url"
        className="input"
        errorClassName="input input--error"
        autoComplete="off"
        placeholder="https://example.com/webhooks/mms"
        {...a11y}
        // The server decides what is allowed (https outside the local
        // sandbox, public addresses only) and says why beside the field.
        validation={{ required: 'Give the URL to POST status changes to.' }}
      />
    </FormField>
  )
}

/** Sets or replaces a key's webhook URL; the server makes a new secret each time. */
const WebhookUrlForm = ({
  apiKeyId,
  currentUrl,
  onSet,
}: WebhookUrlFormProps) => {
  const formMethods = useForm<WebhookUrlFormValues>({
    defaultValues: { url: '' },
  })
  const [setWebhookEndpoint, { loading, error }] = useMutation(
    SET_WEBHOOK_ENDPOINT,
    {
      onCompleted: ({ setWebhookEndpoint }) => {
        formMethods.reset()
        onSet(setWebhookEndpoint)
      },
      // Shown by the form, beside the URL or above it.
      onError: () => undefined,
    }
  )
  const generalError = error && Object.keys(fieldMessages(error)).length === 0

  return (
    <Form
      formMethods={formMethods}
      error={error}
      onSubmit={({ url }: WebhookUrlFormValues) =>
        setWebhookEndpoint({ variables: { apiKeyId, url } })
      }
      className="form card"
      aria-labelledby="webhook-url-heading"
    >
      <h2 id="webhook-url-heading">
        {currentUrl ? 'Replace the URL' : 'Set a webhook URL'}
      </h2>
      {currentUrl && (
        <p className="muted">
          A new URL comes with a new secret; the current one stops at once.
        </p>
      )}
      {generalError && (
        <div role="alert" className="notice notice--error">
          <p className="notice__title">The URL was not saved.</p>
          <p>{errorSummary(error)}</p>
        </div>
      )}
      <UrlInput />
      <div className="form-actions">
        <Submit className="button" disabled={loading}>
          {loading ? 'Saving…' : currentUrl ? 'Replace URL' : 'Save URL'}
        </Submit>
      </div>
    </Form>
  )
}

export default WebhookUrlForm
