import type { Meta, StoryObj } from '@storybook/react'

import SendForm from './SendForm'

const meta: Meta<typeof SendForm> = {
  component: SendForm,
  tags: ['autodocs'],
}

export default meta

export const empty: StoryObj<typeof SendForm> = {}
