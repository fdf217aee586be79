import {
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@redwoodjs/testing/web'

import { Empty, Failure, Loading, Success } from './WebhookDeliveriesCell'
import { standard } from './WebhookDeliveriesCell.mock'

const rows = () => screen.getAllByRole('row').slice(1)

describe('WebhookDeliveriesCell', () => {
  it('says it is loading', () => {
    render(<Loading apiKeyId="key-active" />)
    expect(screen.getByRole('status')).toHaveTextContent(
      'Loading the deliveries…'
    )
  })

  it('tells what will appear here', () => {
    render(<Empty />)
    expect(screen.getByText(/No status webhooks yet/)).toBeInTheDocument()
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
      'The deliveries could not be loaded.'
    )
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(refetch).toHaveBeenCalledTimes(1)
  })

  it('lists each delivery with its state and every answer, first first', () => {
    render(<Success {...standard()} apiKeyId="key-active" />)
    const [retrying, afterRetry, refused] = rows()

    expect(within(retrying).getByText('Delivered')).toBeInTheDocument()
    expect(within(retrying).getByText('Retrying')).toBeInTheDocument()
    expect(
      within(retrying).getByText('500, No answer in time')
    ).toBeInTheDocument()

    expect(within(afterRetry).getByText('Sent')).toBeInTheDocument()
    expect(within(afterRetry).getByText('503, 200')).toBeInTheDocument()
    expect(
      within(afterRetry).getByText('https://billing.example.com/webhooks/mms')
    ).toBeInTheDocument()

    expect(within(refused).getByText('Failed')).toBeInTheDocument()
    expect(within(refused).getByText('statusCallbackUrl')).toBeInTheDocument()
    expect(
      within(refused).getByText('Private address refused')
    ).toBeInTheDocument()
    expect(screen.getByText('Showing all 3 deliveries.')).toBeInTheDocument()
  })

  it('resends a delivery and lists the list again', async () => {
    const resent: unknown[] = []
    mockGraphQLMutation('WebhookDeliveriesCell_Resend', (variables) => {
      resent.push(variables)
      return {
        resendWebhookDelivery: { __typename: 'WebhookDelivery', id: 'new-1' },
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
    fireEvent.click(within(rows()[1]).getByRole('button', { name: /^Resend/ }))

    await waitFor(() =>
      expect(
        screen.getByText(/Queued again as a new delivery/)
      ).toBeInTheDocument()
    )
    expect(resent).toEqual([{ id: 'delivery-after-retry' }])
    expect(refetch).toHaveBeenCalled()
  })

  it('says why a resend was refused', async () => {
    mockGraphQLMutation(
      'WebhookDeliveriesCell_Resend',
      (_variables, { ctx }) => {
        ctx.errors([
          {
            message:
              'id: This key has no webhook now: set its URL, then resend.',
          },
        ])
      }
    )
    render(<Success {...standard()} apiKeyId="key-active" />)
    const row = rows()[0]
    fireEvent.click(within(row).getByRole('button', { name: /^Resend/ }))

    expect(await within(row).findByRole('alert')).toHaveTextContent(
      'This key has no webhook now'
    )
  })

  it('loads older deliveries below the first page on request', async () => {
    const asked: unknown[] = []
    mockGraphQLQuery('WebhookDeliveriesCell_List', (variables) => {
      asked.push(variables)
      const older = standard().webhookDeliveries.nodes[1]
      return {
        webhookDeliveries: {
          __typename: 'WebhookDeliveryConnection',
          nodes: [{ ...older, id: 'delivery-older', status: 'QUEUED' }],
          pageInfo: {
            __typename: 'MmsPageInfo',
            endCursor: 'delivery-older',
            hasNextPage: false,
          },
        },
      }
    })
    const firstPage = standard()
    firstPage.webhookDeliveries.pageInfo.hasNextPage = true
    render(<Success {...firstPage} apiKeyId="key-active" />)
    expect(
      screen.getByText('Showing the latest 3 deliveries.')
    ).toBeInTheDocument()

    fireEvent.click(screen.getByRole('button', { name: 'Load older' }))

    expect(
      await screen.findByText('Showing all 4 deliveries.')
    ).toBeInTheDocument()
    expect(within(rows()[3]).getByText('Queued')).toBeInTheDocument()
    expect(asked).toEqual([
      { apiKeyId: 'key-active', first: 20, after: 'delivery-callback-refused' },
    ])
  })
})
