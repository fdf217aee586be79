import type { Meta, StoryObj } from '@storybook/react'

import ConfirmAction from './ConfirmAction'

const meta: Meta<typeof ConfirmAction> = {
  component: ConfirmAction,
  tags: ['autodocs'],
  args: {
    label: (
      <>
        Revoke<span className="sr-only"> Billing reminders</span>
      </>
    ),
    questionId: 'revoke-story-question',
    question: (
      <>
        Revoke <strong>Billing reminders</strong>? Services using it are refused
        at once. This cannot be undone.
      </>
    ),
    confirmLabel: 'Yes, revoke',
    busyLabel: 'Revoking…',
    busy: false,
    danger: true,
    onConfirm: async () => undefined,
    describeError: (caught) => caught.message,
  },
}

export default meta

type Story = StoryObj<typeof ConfirmAction>

/** Click the button to see the question. */
export const danger: Story = {}

export const busy: Story = {
  args: { busy: true },
}

export const refused: Story = {
  args: {
    onConfirm: async () => {
      throw new Error('This key was already revoked.')
    },
  },
}

export const notDangerous: Story = {
  args: {
    label: (
      <>
        Enable<span className="sr-only"> linus@example.com</span>
      </>
    ),
    question: (
      <>
        Enable <strong>linus@example.com</strong>? They can log in again, and
        their API keys work again.
      </>
    ),
    confirmLabel: 'Yes, enable',
    busyLabel: 'Enabling…',
    danger: false,
    closeWhenDone: true,
  },
}
