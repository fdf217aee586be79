import {
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@redwoodjs/testing/web'

import { Empty, Failure, Loading, Success } from './ApiKeysCell'
import { standard } from './ApiKeysCell.mock'

const rowOf = (name: string) =>
  screen.getByRole('rowheader', { name }).closest('tr')

describe('ApiKeysCell', () => {
  it('says it is loading', () => {
    render(<Loading />)
    expect(screen.getByRole('status')).toHaveTextContent(
      'Loading your API keys…'
    )
  })

  it('tells a user without keys how to get one', () => {
    render(<Empty />)
    expect(
      screen.getByText(/You have no API keys yet. Create one above/)
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
      'Your API keys could not be loaded.'
    )
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(refetch).toHaveBeenCalledTimes(1)
  })

  it('lists keys with prefix, dates and status; only active keys can be revoked', () => {
    render(<Success {...standard()} />)

    const active = rowOf('Billing reminders')
    expect(within(active).getByText('k3x9q2m7ab')).toBeInTheDocument()
    expect(within(active).getByText('Active')).toBeInTheDocument()
    expect(
      within(active).getByRole('button', { name: 'Revoke Billing reminders' })
    ).toBeInTheDocument()

    expect(within(rowOf('Staging')).getByText('Never')).toBeInTheDocument()

    const revoked = rowOf('Old CRM')
    expect(within(revoked).getByText(/^Revoked/)).toBeInTheDocument()
    expect(within(revoked).queryByRole('button')).not.toBeInTheDocument()
  })

  it('links each key, revoked ones too, to its webhook page', () => {
    render(<Success {...standard()} />)
    expect(
      within(rowOf('Billing reminders')).getByRole('link', {
        name: 'Webhook of Billing reminders',
      })
    ).toHaveAttribute('href', '/api-keys/key-active/webhook')
    expect(
      within(rowOf('Old CRM')).getByRole('link', {
        name: 'Webhook of Old CRM',
      })
    ).toHaveAttribute('href', '/api-keys/key-revoked/webhook')
  })

  it('revokes a key only after confirmation', async () => {
    const revoked: string[] = []
    mockGraphQLMutation('RevokeApiKeyButton_RevokeApiKey', ({ id }) => {
      revoked.push(id)
      return {
        revokeApiKey: {
          __typename: 'ApiKey',
          id,
          revokedAt: '2026-11-22T10:00:00.000Z',
        },
      }
    })
    render(<Success {...standard()} />)
    const row = rowOf('Billing reminders')

    fireEvent.click(
      within(row).getByRole('button', { name: 'Revoke Billing reminders' })
    )
    expect(
      within(row).getByText(/Services using it are refused at once/)
    ).toBeInTheDocument()
    expect(within(row).getByRole('button', { name: 'Cancel' })).toHaveFocus()

    fireEvent.click(within(row).getByRole('button', { name: 'Cancel' }))
    expect(
      within(row).queryByText(/Services using it are refused/)
    ).not.toBeInTheDocument()
    expect(revoked).toEqual([])

    fireEvent.click(
      within(row).getByRole('button', { name: 'Revoke Billing reminders' })
    )
    fireEvent.click(within(row).getByRole('button', { name: 'Yes, revoke' }))

    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'The key Billing reminders was revoked.'
      )
    )
    expect(revoked).toEqual(['key-active'])
  })

  it('says when a key could not be revoked', async () => {
    mockGraphQLMutation(
      'RevokeApiKeyButton_RevokeApiKey',
      (_variables, { ctx }) => {
        ctx.errors([{ message: 'id: No such API key.' }])
      }
    )
    render(<Success {...standard()} />)
    const row = rowOf('Staging')

    fireEvent.click(within(row).getByRole('button', { name: 'Revoke Staging' }))
    fireEvent.click(within(row).getByRole('button', { name: 'Yes, revoke' }))

    expect(await within(row).findByRole('alert')).toHaveTextContent(
      'id: No such API key.'
    )
  })
})
