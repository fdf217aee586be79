import type { Meta, StoryObj } from '@storybook/react'

import { Empty, Failure, Loading, Success } from './MembersCell'
import { standard } from './MembersCell.mock'

const meta: Meta = {
  title: 'Cells/MembersCell',
  tags: ['autodocs'],
}

export default meta

export const loading: StoryObj<typeof Loading> = {
  render: () => <Loading />,
}

export const empty: StoryObj<typeof Empty> = {
  render: () => <Empty />,
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
  render: () => {
    mockCurrentUser({
      id: 1,
      email: 'ada@example.com',
      role: 'ADMIN',
      roles: ['ADMIN'],
    })
    return <Success {...standard()} />
  },
}
