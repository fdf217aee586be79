import type { Meta, StoryObj } from '@storybook/react'

import { Empty, Failure, Loading, Success } from './WebhookEndpointCell'
import { standard, withoutWebhook } from './WebhookEndpointCell.mock'

const meta: Meta = {
  title: 'Cells/WebhookEndpointCell',
  tags: ['autodocs'],
}

export default meta

export const loading: StoryObj<typeof Loading> = {
  render: () => <Loading apiKeyId="key-active" />,
}

export const empty: StoryObj<typeof Empty> = {
  render: () => <Empty />,
}

export const failure: StoryObj<typeof Failure> = {
  render: () => (
    <Failure
      apiKeyId="key-active"
      error={new Error('The server could not be reached.')}
      queryResult={{ refetch: async () => undefined }}
    />
  ),
}

export const success: StoryObj<typeof Success> = {
  render: () => <Success {...standard()} apiKeyId="key-active" />,
}

export const noWebhookYet: StoryObj<typeof Success> = {
  render: () => <Success {...withoutWebhook()} apiKeyId="key-active" />,
}
