import { fireEvent, render, screen } from '@redwoodjs/testing/web'

import ChangePasswordForm from './ChangePasswordForm'

const change = (currentPassword: string, newPassword: string) => {
  fireEvent.change(screen.getByLabelText('Current password'), {
    target: { value: currentPassword },
  })
  fireEvent.change(screen.getByLabelText('New password'), {
    target: { value: newPassword },
  })
  fireEvent.click(screen.getByRole('button', { name: 'Change password' }))
}

const refusal = (field: string, message: string) => ({
  message: `${field}: ${message}`,
  extensions: {
    code: 'BAD_USER_INPUT',
    properties: { messages: { [field]: [message] } },
  },
})

describe('ChangePasswordForm', () => {
  it('asks for both passwords before trying', async () => {
    const calls: unknown[] = []
    mockGraphQLMutation('ChangePasswordForm_ChangePassword', (variables) => {
      calls.push(variables)
      return { changePassword: true }
    })
    render(<ChangePasswordForm />)
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }))

    expect(
      await screen.findByText('Enter your current password.')
    ).toHaveAttribute('id', 'currentPassword-error')
    expect(screen.getByText('Enter a new password.')).toHaveAttribute(
      'id',
      'newPassword-error'
    )
    expect(calls).toEqual([])
  })

  it('changes the password and says other sessions were signed out', async () => {
    const calls: unknown[] = []
    mockGraphQLMutation('ChangePasswordForm_ChangePassword', (variables) => {
      calls.push(variables)
      return { changePassword: true }
    })
    render(<ChangePasswordForm />)
    change('old-password-1', 'new-password-2')

    const done = await screen.findByRole('status')
    expect(done).toHaveTextContent('Your password was changed.')
    expect(done).toHaveTextContent(
      'Every other session of your account was signed out'
    )
    expect(done).toHaveFocus()
    expect(calls).toEqual([
      { currentPassword: 'old-password-1', newPassword: 'new-password-2' },
    ])
    expect(screen.getByLabelText('Current password')).toHaveValue('')
    expect(screen.getByLabelText('New password')).toHaveValue('')
  })

  it('shows a wrong current password beside its field', async () => {
    mockGraphQLMutation(
      'ChangePasswordForm_ChangePassword',
      (_variables, { ctx }) => {
        ctx.errors([
          refusal('currentPassword', 'This is not your current password.'),
        ])
      }
    )
    render(<ChangePasswordForm />)
    change('wrong-password', 'new-password-2')

    expect(
      await screen.findByText('This is not your current password.')
    ).toHaveAttribute('id', 'currentPassword-error')
    expect(screen.getByLabelText('Current password')).toHaveAttribute(
      'aria-invalid',
      'true'
    )
    expect(screen.queryByRole('status')).not.toBeInTheDocument()
  })

  it('shows the password rule beside the new password', async () => {
    mockGraphQLMutation(
      'ChangePasswordForm_ChangePassword',
      (_variables, { ctx }) => {
        ctx.errors([
          refusal('newPassword', 'Use a password of at least 8 characters.'),
        ])
      }
    )
    render(<ChangePasswordForm />)
    change('old-password-1', 'short')

    expect(
      await screen.findByText('Use a password of at least 8 characters.')
    ).toHaveAttribute('id', 'newPassword-error')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('says when the password was not changed for another reason', async () => {
    mockGraphQLMutation(
      'ChangePasswordForm_ChangePassword',
      (_variables, { ctx }) => {
        ctx.errors([
          {
            message: 'Sign in to the app to do that; API keys cannot.',
            extensions: { code: 'FORBIDDEN' },
          },
        ])
      }
    )
    render(<ChangePasswordForm />)
    change('old-password-1', 'new-password-2')

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The password was not changed.Sign in to the app to do that; API keys cannot.'
    )
  })
})
