import type { Meta, StoryObj } from '@storybook/react'

import SendResult from './SendResult'
import { sentMessage } from './SendResult.mock'

const meta: Meta<typeof SendResult> = {
  component: SendResult,
  tags: ['autodocs'],
}

export default meta

type Story = StoryObj<typeof SendResult>

export const queued: Story = {
  args: { message: sentMessage({ status: 'QUEUED' }) },
}

export const sent: Story = {
  args: { message: sentMessage() },
}

export const dryRun: Story = {
  args: { message: sentMessage({ dryRun: true }) },
}

export const failed: Story = {
  args: {
    message: sentMessage({
      status: 'FAILED',
      errorCode: 'DESTINATION_OPTED_OUT',
      errorMessage: 'The recipient has opted out of messages from this sender.',
    }),
  },
}

export const unknown: Story = {
  args: {
    message: sentMessage({
      status: 'UNKNOWN',
      errorCode: 'OUTCOME_UNKNOWN',
      errorMessage:
        'The provider did not answer in time, so it is not known whether the message was sent. It was not retried, to avoid a duplicate.',
    }),
  },
}
