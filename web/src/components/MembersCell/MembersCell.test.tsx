import {
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@redwoodjs/testing/web'

import { Empty, Failure, Loading, Success } from './MembersCell'
import { standard } from './MembersCell.mock'

const rowOf = (email: string) => {
  const row = screen
    .getByRole('rowheader', { name: new RegExp(email) })
    .closest('tr')
  if (!row) {
    throw new Error(`No row for ${email}`)
  }
  return row
}

const memberResult = (
  fields: Partial<ReturnType<typeof standard>['members'][number]> & {
    id: number
  }
) => {
  const base = standard().members.find(({ id }) => id === fields.id)
  return { ...base, ...fields }
}

const fieldRefusal = (field: string, message: string) => ({
  message: `${field}: ${message}`,
  extensions: {
    code: 'BAD_USER_INPUT',
    properties: { messages: { [field]: [message] } },
  },
})

describe('MembersCell', () => {
  beforeEach(() => {
    mockCurrentUser({
      id: 1,
      email: 'ada@example.com',
      role: 'ADMIN',
      roles: ['ADMIN'],
    })
  })

  it('says it is loading', () => {
    render(<Loading />)
    expect(screen.getByRole('status')).toHaveTextContent('Loading members…')
  })

  it('says how accounts get here when there are none', () => {
    render(<Empty />)
    expect(
      screen.getByText(/No accounts yet. Invite someone below/)
    ).toBeInTheDocument()
  })

  it('explains a failure and retries on request', () => {
    const refetch = jest.fn().mockResolvedValue({})
    render(
      <Failure
        error={new Error('Network request failed')}
        queryResult={{ refetch }}
      />
    )
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The members could not be loaded.'
    )
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(refetch).toHaveBeenCalledTimes(1)
  })

  it('lists each member with role, status, use today and limits, marking overrides', () => {
    render(<Success {...standard()} />)

    const ada = rowOf('ada@example.com')
    expect(within(ada).getByRole('rowheader')).toHaveTextContent(
      'ada@example.com (you)'
    )
    expect(within(ada).getByText('Admin')).toBeInTheDocument()
    expect(within(ada).getByText('Active')).toBeInTheDocument()
    const [adaToday, adaRate] = within(ada)
      .getAllByRole('cell')
      .filter((cell) => /Sent today|Per minute/.test(cell.dataset.label ?? ''))
    expect(adaToday).toHaveTextContent('12 of 500 (default)')
    expect(adaRate).toHaveTextContent('20 (default)')

    const grace = rowOf('grace@example.com')
    expect(within(grace).getByText('Member')).toBeInTheDocument()
    expect(within(grace).getAllByText('set for this member')).toHaveLength(2)
    expect(within(grace).getByText(/49 of 50/)).toBeInTheDocument()
    expect(within(grace).queryByText(/default/)).not.toBeInTheDocument()

    const linus = rowOf('linus@example.com')
    expect(within(linus).getByText('Disabled')).toBeInTheDocument()
    expect(
      within(linus).getByRole('button', { name: 'Enable linus@example.com' })
    ).toBeInTheDocument()
    expect(
      within(grace).getByRole('button', { name: 'Disable grace@example.com' })
    ).toBeInTheDocument()
  })

  it('disables a member only after confirmation, and says so', async () => {
    const calls: unknown[] = []
    mockGraphQLMutation('MemberAccessButton_SetMemberDisabled', (variables) => {
      calls.push(variables)
      return {
        setMemberDisabled: memberResult({
          id: 2,
          disabledAt: '2026-11-22T10:00:00.000Z',
        }),
      }
    })
    render(<Success {...standard()} />)
    const grace = rowOf('grace@example.com')

    fireEvent.click(
      within(grace).getByRole('button', { name: 'Disable grace@example.com' })
    )
    expect(
      within(grace).getByText(/They are signed out everywhere at once/)
    ).toBeInTheDocument()
    expect(within(grace).getByRole('button', { name: 'Cancel' })).toHaveFocus()

    fireEvent.click(within(grace).getByRole('button', { name: 'Cancel' }))
    expect(calls).toEqual([])

    fireEvent.click(
      within(grace).getByRole('button', { name: 'Disable grace@example.com' })
    )
    fireEvent.click(within(grace).getByRole('button', { name: 'Yes, disable' }))

    await waitFor(() =>
      expect(
        screen.getByText('grace@example.com was disabled and signed out.')
      ).toBeInTheDocument()
    )
    expect(calls).toEqual([{ id: 2, disabled: true }])
  })

  it('enables a disabled member after confirmation', async () => {
    const calls: unknown[] = []
    mockGraphQLMutation('MemberAccessButton_SetMemberDisabled', (variables) => {
      calls.push(variables)
      return { setMemberDisabled: memberResult({ id: 3, disabledAt: null }) }
    })
    render(<Success {...standard()} />)
    const linus = rowOf('linus@example.com')

    fireEvent.click(
      within(linus).getByRole('button', { name: 'Enable linus@example.com' })
    )
    expect(within(linus).getByText(/They can log in again/)).toBeInTheDocument()
    fireEvent.click(within(linus).getByRole('button', { name: 'Yes, enable' }))

    await waitFor(() =>
      expect(
        screen.getByText('linus@example.com was enabled.')
      ).toBeInTheDocument()
    )
    expect(calls).toEqual([{ id: 3, disabled: false }])
  })

  it('shows the api’s refusal to disable your own account', async () => {
    mockGraphQLMutation(
      'MemberAccessButton_SetMemberDisabled',
      (_variables, { ctx }) => {
        ctx.errors([fieldRefusal('id', 'You cannot disable your own account.')])
      }
    )
    render(<Success {...standard()} />)
    const ada = rowOf('ada@example.com')

    fireEvent.click(
      within(ada).getByRole('button', { name: 'Disable ada@example.com' })
    )
    fireEvent.click(within(ada).getByRole('button', { name: 'Yes, disable' }))

    expect(await within(ada).findByRole('alert')).toHaveTextContent(
      /^You cannot disable your own account.$/
    )
  })

  it('edits limits: prefilled with the overrides, empty clears one', async () => {
    const calls: unknown[] = []
    mockGraphQLMutation('MemberLimitsForm_SetMemberLimits', (variables) => {
      calls.push(variables)
      return {
        setMemberLimits: memberResult({
          id: 2,
          sendRatePerMinute: 20,
          sendRatePerMinuteOverride: null,
          dailySendQuota: 80,
          dailySendQuotaOverride: 80,
        }),
      }
    })
    render(<Success {...standard()} />)

    fireEvent.click(
      screen.getByRole('button', { name: 'Edit limits of grace@example.com' })
    )
    const form = screen.getByRole('form', {
      name: 'Limits of grace@example.com',
    })
    const rate = within(form).getByRole('textbox', {
      name: 'Messages per minute',
    })
    const quota = within(form).getByRole('textbox', {
      name: 'Messages per day (UTC)',
    })
    expect(rate).toHaveFocus()
    expect(rate).toHaveValue('5')
    expect(quota).toHaveValue('50')
    expect(
      within(form).getByText(
        'Now 5, set for this member. Leave empty to go back to the default.'
      )
    ).toBeInTheDocument()

    fireEvent.change(rate, { target: { value: '' } })
    fireEvent.change(quota, { target: { value: ' 80 ' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save limits' }))

    await waitFor(() =>
      expect(
        screen.getByText('The limits of grace@example.com were saved.')
      ).toBeInTheDocument()
    )
    expect(calls).toEqual([
      { id: 2, sendRatePerMinute: null, dailySendQuota: 80 },
    ])
    expect(screen.queryByRole('form')).not.toBeInTheDocument()
  })

  it('asks for whole numbers before sending limits', async () => {
    const calls: unknown[] = []
    mockGraphQLMutation('MemberLimitsForm_SetMemberLimits', (variables) => {
      calls.push(variables)
      return { setMemberLimits: memberResult({ id: 1 }) }
    })
    render(<Success {...standard()} />)
    fireEvent.click(
      screen.getByRole('button', { name: 'Edit limits of ada@example.com' })
    )
    const rate = screen.getByRole('textbox', { name: 'Messages per minute' })
    fireEvent.change(rate, { target: { value: '2.5' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save limits' }))

    expect(
      await screen.findByText(
        'Give a whole number, or leave it empty for the default.'
      )
    ).toHaveAttribute('id', 'sendRatePerMinute-error')
    expect(rate).toHaveAttribute('aria-invalid', 'true')
    expect(calls).toEqual([])
  })

  it('shows the api’s refusal of a limit beside its field', async () => {
    const message =
      'Give a whole number from 0 to 1,000,000, or nothing for the default.'
    mockGraphQLMutation(
      'MemberLimitsForm_SetMemberLimits',
      (_variables, { ctx }) => {
        ctx.errors([fieldRefusal('dailySendQuota', message)])
      }
    )
    render(<Success {...standard()} />)
    fireEvent.click(
      screen.getByRole('button', { name: 'Edit limits of ada@example.com' })
    )
    fireEvent.change(
      screen.getByRole('textbox', { name: 'Messages per day (UTC)' }),
      { target: { value: '2000000' } }
    )
    fireEvent.click(screen.getByRole('button', { name: 'Save limits' }))

    expect(await screen.findByText(message)).toHaveAttribute(
      'id',
      'dailySendQuota-error'
    )
    expect(
      screen.getByRole('form', { name: 'Limits of ada@example.com' })
    ).toBeInTheDocument()
  })

  it('closes the limits form on cancel without saving', () => {
    render(<Success {...standard()} />)
    const edit = screen.getByRole('button', {
      name: 'Edit limits of grace@example.com',
    })
    fireEvent.click(edit)
    expect(edit).toHaveAttribute('aria-expanded', 'true')
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('form')).not.toBeInTheDocument()
    expect(edit).toHaveAttribute('aria-expanded', 'false')
  })
})
