import { fireEvent, render, screen, within } from '@redwoodjs/testing/web'

import {
  Empty,
  Failure,
  Loading,
  POLL_INTERVAL_MS,
  Success,
} from './MessageCell'
import { failed, queued, standard } from './MessageCell.mock'

const detail = (term: string) =>
  screen.getByText(term, { selector: 'dt' }).nextElementSibling

describe('MessageCell', () => {
  it('says it is loading', () => {
    render(<Loading id="cm3message0001" />)
    expect(screen.getByRole('status')).toHaveTextContent('Loading the message…')
  })

  it('says when there is no such message, with a way back', () => {
    render(<Empty />)
    expect(
      screen.getByText('There is no message with this id in your account.')
    ).toBeInTheDocument()
    expect(
      screen.getByRole('link', { name: 'Back to your messages' })
    ).toHaveAttribute('href', '/messages')
  })

  it('explains a failure and retries on request', () => {
    const refetch = jest.fn().mockResolvedValue({})
    render(
      <Failure
        id="cm3message0001"
        error={new Error('Network request failed')}
        queryResult={{ refetch }}
      />
    )
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The message could not be loaded.'
    )
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(refetch).toHaveBeenCalledTimes(1)
  })

  it('shows everything recorded about a sent message', () => {
    render(<Success id="cm3message0001" {...standard()} />)

    expect(screen.getByText('Sent')).toHaveClass('status-badge--success')
    expect(
      screen.getByText(
        'AWS accepted the message. Delivery to the handset is reported later.'
      )
    ).toBeInTheDocument()
    expect(detail('To')).toHaveTextContent('+1 425 414 7755')
    expect(detail('From')).toHaveTextContent('+18445550100')
    expect(detail('Text')).toHaveTextContent(
      'The photos from Saturday, as promised.'
    )
    expect(
      screen.getByRole('img', { name: 'Image: beach.jpg' })
    ).toHaveAttribute(
      'src',
      'https://mms-media.example.com/uploads/1/a/beach.jpg?X-Amz-Signature=abc'
    )
    expect(
      screen.getByText('beach.jpg · image/jpeg · 177.8 KB')
    ).toBeInTheDocument()
    expect(detail('Sent with')).toHaveTextContent(
      'API key Billing reminders (k3x9q2m7ab)'
    )
    expect(detail('Provider message id')).toHaveTextContent(
      '88101ea6-91d0-443b-9dcb-74b96cc50de1'
    )
    expect(detail('Idempotency key')).toHaveTextContent(
      '3f0c9b8e-5d0a-4a8e-9a51-0d8c2f1e7b21'
    )
    expect(detail('Time to live')).toHaveTextContent('1 h')
    expect(detail('Max price')).toHaveTextContent('US$0.05')
    expect(detail('Configuration set')).toHaveTextContent('mms-events')
    expect(detail('Context')).toHaveTextContent('orderId: A-1042')
  })

  it('lists every attempt in a table', () => {
    render(<Success id="cm3message0001" {...standard()} />)

    expect(
      screen.getByRole('heading', { name: 'Attempts (2)' })
    ).toBeInTheDocument()
    const table = screen.getByRole('table', {
      name: 'Requests to the provider',
    })
    const [, first, second] = within(table).getAllByRole('row')
    expect(
      within(first)
        .getAllByRole('cell')
        .map((cell) => cell.textContent)
    ).toEqual([
      expect.any(String),
      '512 ms',
      'Failed, retried',
      '400',
      'ThrottlingException',
    ])
    expect(
      within(second)
        .getAllByRole('cell')
        .map((cell) => cell.textContent)
    ).toEqual([expect.any(String), '87 ms', 'Accepted', '200', '—'])
  })

  it('shows why a message failed', () => {
    render(<Success id="cm3message0001" {...failed()} />)

    expect(screen.getByText('Failed')).toHaveClass('status-badge--error')
    expect(
      screen.getByText(
        'The recipient has opted out of messages from this sender.'
      )
    ).toBeInTheDocument()
    expect(screen.getByText('DESTINATION_OPTED_OUT')).toBeInTheDocument()
    expect(detail('Sent with')).toHaveTextContent('This website')
    expect(screen.getByRole('cell', { name: 'Rejected' })).toBeInTheDocument()
  })

  it('polls while the message may still change, and stops once it is final', () => {
    const startPolling = jest.fn()
    const stopPolling = jest.fn()
    const { rerender } = render(
      <Success
        id="cm3message0001"
        {...queued()}
        queryResult={{ startPolling, stopPolling }}
      />
    )
    expect(
      screen.getByText('No request has been made to the provider yet.')
    ).toBeInTheDocument()
    expect(startPolling).toHaveBeenCalledWith(POLL_INTERVAL_MS)

    rerender(
      <Success
        id="cm3message0001"
        {...standard()}
        queryResult={{ startPolling, stopPolling }}
      />
    )
    expect(stopPolling).toHaveBeenCalled()
    expect(screen.getByText('Sent')).toBeInTheDocument()
  })
})
