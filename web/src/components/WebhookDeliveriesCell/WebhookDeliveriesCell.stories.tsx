import type { Meta, StoryObj } from '@storybook/react'

import { Empty, Failure, Loading, Success } from './WebhookDeliveriesCell'
import { standard } from './WebhookDeliveriesCell.mock'

const meta: Meta = {
  title: 'Cells/WebhookDeliveriesCell',
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
