import { fireEvent, render, screen, waitFor } from '@redwoodjs/testing/web'

import { Empty, Failure, Loading, Success } from './WebhookEndpointCell'
import { standard, withoutWebhook } from './WebhookEndpointCell.mock'

const SECRET = 'whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG'

describe('WebhookEndpointCell', () => {
  it('says it is loading', () => {
    render(<Loading apiKeyId="key-active" />)
    expect(screen.getByRole('status')).toHaveTextContent(
      'Loading the key’s webhook…'
    )
  })

  it('says when the key is not one of yours, with a way back', () => {
    render(<Empty />)
    expect(
      screen.getByText('You have no API key with this id.')
    ).toBeInTheDocument()
    expect(
      screen.getByRole('link', { name: 'Back to your API keys' })
    ).toBeInTheDocument()
  })

  it('explains a failure and retries on request', () => {
    const refetch = jest.fn().mockResolvedValue({})
    render(
      <Failure
        apiKeyId="key-active"
        error={new Error('Network request failed')}
        queryResult={{ refetch }}
      />
    )
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The key’s webhook could not be loaded.'
    )
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(refetch).toHaveBeenCalledTimes(1)
  })

  it('shows the URL in use and offers to replace or remove it', () => {
    render(<Success {...standard()} apiKeyId="key-active" />)
    expect(screen.getByText(/Status changes are POSTed to/)).toHaveTextContent(
      'https://billing.example.com/webhooks/mms'
    )
    expect(
      screen.getByRole('heading', { name: 'Replace the URL' })
    ).toBeInTheDocument()
    expect(
      screen.getByRole('button', { name: 'Remove webhook' })
    ).toBeInTheDocument()
  })

  it('sets a URL and shows its secret once, then only the URL', async () => {
    const sent: unknown[] = []
    mockGraphQLMutation('WebhookUrlForm_SetWebhookEndpoint', (variables) => {
      sent.push(variables)
      return {
        setWebhookEndpoint: {
          __typename: 'CreatedWebhookEndpoint',
          endpoint: {
            __typename: 'WebhookEndpoint',
            id: 'endpoint-2',
            apiKeyId: 'key-active',
            url: 'https://billing.example.com/hooks',
            createdAt: '2026-11-23T10:00:00.000Z',
            disabledAt: null,
          },
          secret: SECRET,
        },
      }
    })
    render(<Success {...withoutWebhook()} apiKeyId="key-active" />)
    expect(screen.getByText(/This key has no webhook/)).toBeInTheDocument()

    fireEvent.change(screen.getByLabelText('Webhook URL'), {
      target: { value: 'https://billing.example.com/hooks' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Save URL' }))

    expect(
      await screen.findByRole('heading', {
        name: 'Copy the signing secret now',
      })
    ).toHaveFocus()
    expect(screen.getByLabelText('Signing secret')).toHaveValue(SECRET)
    expect(sent).toEqual([
      { apiKeyId: 'key-active', url: 'https://billing.example.com/hooks' },
    ])

    fireEvent.click(
      screen.getByRole('button', { name: 'I have stored the secret' })
    )
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument()
  })

  it('shows the server’s reason beside the URL', async () => {
    const reason =
      'Webhooks are sent only over https: give an https URL, e.g. https://example.com/webhooks/mms.'
    mockGraphQLMutation(
      'WebhookUrlForm_SetWebhookEndpoint',
      (_variables, { ctx }) => {
        ctx.errors([
          {
            message: `url: ${reason}`,
            extensions: {
              code: 'BAD_USER_INPUT',
              properties: { messages: { url: [reason] } },
            },
          },
        ])
      }
    )
    render(<Success {...withoutWebhook()} apiKeyId="key-active" />)
    fireEvent.change(screen.getByLabelText('Webhook URL'), {
      target: { value: 'http://billing.example.com/hooks' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Save URL' }))

    await waitFor(() =>
      expect(screen.getByLabelText('Webhook URL')).toHaveAttribute(
        'aria-invalid',
        'true'
      )
    )
    expect(screen.getByText(reason)).toBeInTheDocument()
  })

  it('removes the webhook only after confirmation', async () => {
    const removed: unknown[] = []
    mockGraphQLMutation('WebhookEndpointCell_Remove', (variables) => {
      removed.push(variables)
      return {
        removeWebhookEndpoint: {
          __typename: 'WebhookEndpoint',
          id: 'endpoint-1',
          disabledAt: '2026-11-23T10:00:00.000Z',
        },
      }
    })
    const refetch = jest.fn().mockResolvedValue({})
    render(
      <Success
        {...standard()}
        apiKeyId="key-active"
        queryResult={{ refetch }}
      />
    )

    fireEvent.click(screen.getByRole('button', { name: 'Remove webhook' }))
    expect(screen.getByText(/Stop sending status changes/)).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }))

    await waitFor(() => expect(refetch).toHaveBeenCalled())
    expect(removed).toEqual([{ apiKeyId: 'key-active' }])
  })

  it('offers no form for a revoked key', () => {
    const data = withoutWebhook()
    data.apiKeyWebhook.apiKey.revokedAt = '2026-11-22T10:00:00.000Z'
    render(<Success {...data} apiKeyId="key-active" />)
    expect(
      screen.getByText('A revoked key sends nothing more.')
    ).toBeInTheDocument()
    expect(screen.queryByLabelText('Webhook URL')).not.toBeInTheDocument()
  })
})
