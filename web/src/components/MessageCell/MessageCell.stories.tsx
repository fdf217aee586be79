import type { Meta, StoryObj } from '@storybook/react'

import { Empty, Failure, Loading, Success } from './MessageCell'
import {
  delivered,
  failed,
  queued,
  standard,
  undelivered,
  unknown,
} from './MessageCell.mock'

const meta: Meta = {
  title: 'Cells/MessageCell',
  tags: ['autodocs'],
}

export default meta

export const loading: StoryObj<typeof Loading> = {
  render: () => <Loading id="cm3message0001" />,
}

export const empty: StoryObj<typeof Empty> = {
  render: () => <Empty />,
}

export const failure: StoryObj<typeof Failure> = {
  render: () => (
    <Failure
      id="cm3message0001"
      error={new Error('The server could not be reached.')}
      queryResult={{ refetch: async () => undefined }}
    />
  ),
}

export const success: StoryObj<typeof Success> = {
  render: () => <Success id="cm3message0001" {...standard()} />,
}

export const successQueuedMessage: StoryObj<typeof Success> = {
  render: () => <Success id="cm3message0001" {...queued()} />,
}

export const successDeliveredMessage: StoryObj<typeof Success> = {
  render: () => <Success id="cm3message0001" {...delivered()} />,
}

export const successUndeliveredMessage: StoryObj<typeof Success> = {
  render: () => <Success id="cm3message0001" {...undelivered()} />,
}

export const successFailedMessage: StoryObj<typeof Success> = {
  render: () => <Success id="cm3message0001" {...failed()} />,
}

export const successUnknownMessage: StoryObj<typeof Success> = {
  render: () => <Success id="cm3message0001" {...unknown()} />,
}
