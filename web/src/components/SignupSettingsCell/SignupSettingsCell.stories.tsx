import type { Meta, StoryObj } from '@storybook/react'

import { Failure, Loading, Success } from './SignupSettingsCell'
import { closed, openToDomains, standard } from './SignupSettingsCell.mock'

const meta: Meta = {
  title: 'Cells/SignupSettingsCell',
  tags: ['autodocs'],
}

export default meta

export const loading: StoryObj<typeof Loading> = {
  render: () => <Loading />,
}

export const failure: StoryObj<typeof Failure> = {
  render: () => (
    <Failure
      error={new Error('The server could not be reached.')}
      queryResult={{ refetch: async () => undefined }}
    />
  ),
}

export const inviteOnly: StoryObj<typeof Success> = {
  render: () => <Success {...standard()} />,
}

export const closedPolicy: StoryObj<typeof Success> = {
  render: () => <Success {...closed()} />,
}

export const openToSomeDomains: StoryObj<typeof Success> = {
  render: () => <Success {...openToDomains()} />,
}
