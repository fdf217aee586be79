import type { Meta, StoryObj } from '@storybook/react'

import InviteMemberForm from './InviteMemberForm'

const meta: Meta<typeof InviteMemberForm> = {
  component: InviteMemberForm,
  tags: ['autodocs'],
}

export default meta

export const empty: StoryObj<typeof InviteMemberForm> = {}
