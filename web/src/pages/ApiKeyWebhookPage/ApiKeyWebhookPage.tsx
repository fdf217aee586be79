import { Link, routes } from '@redwoodjs/router'
import { Metadata } from '@redwoodjs/web'

import WebhookDeliveriesCell from 'src/components/WebhookDeliveriesCell'
import WebhookEndpointCell from 'src/components/WebhookEndpointCell'

interface ApiKeyWebhookPageProps {
  id: string
}

const ApiKeyWebhookPage = ({ id }: ApiKeyWebhookPageProps) => (
  <>
    <Metadata title="Webhook" />
    <div className="page-header">
      <p>
        <Link to={routes.apiKeys()}>API keys</Link>
      </p>
      <h1>Webhook</h1>
      <p>
        Your service is told of every status change of the messages it sends
        with this key: a signed JSON POST to its URL, retried for a day until it
        answers 2xx.
      </p>
    </div>
    <WebhookEndpointCell apiKeyId={id} />
    <h2>Recent deliveries</h2>
    <WebhookDeliveriesCell apiKeyId={id} />
  </>
)

export default ApiKeyWebhookPage
