import type { Meta, StoryObj } from '@storybook/react'

import { Empty, Failure, Loading, Success } from './MessagesCell'
import { queued, sending, standard } from './MessagesCell.mock'

const meta: Meta = {
  title: 'Cells/MessagesCell',
  tags: ['autodocs'],
}

export default meta

export const loading: StoryObj<typeof Loading> = {
  render: () => <Loading />,
}

export const empty: StoryObj<typeof Empty> = {
  render: () => <Empty />,
}

export const emptyWithFilter: StoryObj<typeof Empty> = {
  render: () => <Empty status="FAILED" />,
}

export const failure: StoryObj<typeof Failure> = {
  render: () => (
    <Failure
      error={new Error('The server could not be reached.')}
      queryResult={{ refetch: async () => undefined }}
    />
  ),
}

export const success: StoryObj<typeof Success> = {
  render: () => <Success {...standard()} />,
}

export const successWhileSending: StoryObj<typeof Success> = {
  render: () => <Success {...sending()} />,
}

export const successWhileQueued: StoryObj<typeof Success> = {
  render: () => <Success {...queued()} />,
}
