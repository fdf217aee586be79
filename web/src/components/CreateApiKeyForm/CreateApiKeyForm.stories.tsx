import type { Meta, StoryObj } from '@storybook/react'

import CreateApiKeyForm from './CreateApiKeyForm'

const meta: Meta<typeof CreateApiKeyForm> = {
  component: CreateApiKeyForm,
  tags: ['autodocs'],
}

export default meta

export const empty: StoryObj<typeof CreateApiKeyForm> = {}
