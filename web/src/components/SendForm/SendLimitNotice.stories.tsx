import type { Meta, StoryObj } from '@storybook/react'

import SendLimitNotice from './SendLimitNotice'

const meta: Meta<typeof SendLimitNotice> = {
  component: SendLimitNotice,
}

export default meta

type Story = StoryObj<typeof SendLimitNotice>

export const rateLimited: Story = {
  args: {
    refusal: {
      code: 'RATE_LIMITED',
      scope: 'USER',
      limit: 60,
      retryAfterSeconds: 30,
      retryAt: '2026-11-23T10:16:00.000Z',
    },
  },
}

export const quotaExceeded: Story = {
  args: {
    refusal: {
      code: 'QUOTA_EXCEEDED',
      scope: 'USER',
      limit: 1000,
      retryAfterSeconds: 49_470,
      retryAt: '2026-11-24T00:00:00.000Z',
    },
  },
}
