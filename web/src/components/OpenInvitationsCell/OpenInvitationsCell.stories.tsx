import type { Meta, StoryObj } from '@storybook/react'

import { Empty, Failure, Loading, Success } from './OpenInvitationsCell'
import { standard } from './OpenInvitationsCell.mock'

const meta: Meta = {
  title: 'Cells/OpenInvitationsCell',
  tags: ['autodocs'],
}

export default meta

export const loading: StoryObj<typeof Loading> = {
  render: () => <Loading />,
}

export const empty: StoryObj<typeof Empty> = {
  render: () => <Empty />,
}

export const emptyWhileSignupIsClosed: StoryObj<typeof Empty> = {
  render: () => <Empty canInvite={false} />,
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
