import type { Meta, StoryObj } from '@storybook/react'

import ChangePasswordForm from './ChangePasswordForm'

const meta: Meta<typeof ChangePasswordForm> = {
  component: ChangePasswordForm,
  tags: ['autodocs'],
}

export default meta

export const empty: StoryObj<typeof ChangePasswordForm> = {}
