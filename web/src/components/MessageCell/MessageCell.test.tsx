import { act, fireEvent, render, screen, within } from '@redwoodjs/testing/web'

import MessageCell from 'src/components/MessageCell'
import { DELIVERY_WATCH_MS } from 'src/lib/messageStatus'

import {
  Empty,
  Failure,
  Loading,
  POLL_INTERVAL_MS,
  Success,
  beforeQuery,
} from './MessageCell'
import {
  delivered,
  failed,
  message,
  queued,
  queuedUntried,
  standard,
  undelivered,
  unknown,
} from './MessageCell.mock'

const detail = (term: string) =>
  screen.getByText(term, { selector: 'dt' }).nextElementSibling

const timelineItems = () =>
  within(screen.getByRole('list', { name: 'Delivery events' })).getAllByRole(
    'listitem'
  )

const pollable = () => ({ startPolling: jest.fn(), stopPolling: jest.fn() })

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
    expect(detail('Carrier')).toHaveTextContent('—')
    expect(detail('Price')).toHaveTextContent('—')
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
      'Throttled, retried',
      '400',
      'ThrottlingException',
    ])
    expect(
      within(second)
        .getAllByRole('cell')
        .map((cell) => cell.textContent)
    ).toEqual([expect.any(String), '87 ms', 'Accepted', '200', '—'])
  })

  it('shows a delivered message with its carrier, price and every delivery event in order', () => {
    render(<Success id="cm3message0001" {...delivered()} />)

    expect(
      within(screen.getByRole('region', { name: 'Status' })).getByText(
        'Delivered'
      )
    ).toHaveClass('status-badge--success')
    expect(
      screen.getByText(
        'The carrier reported the message delivered to the handset.'
      )
    ).toBeInTheDocument()
    expect(detail('Carrier')).toHaveTextContent('T-Mobile USA, Inc.')
    expect(detail('Price')).toHaveTextContent('US$0.02')
    expect(
      screen.getByRole('heading', { name: 'Events (3)' })
    ).toBeInTheDocument()

    const [onItsWay, accepted, handset] = timelineItems()
    expect(onItsWay).toHaveTextContent('Being sent to the carrier')
    expect(onItsWay).toHaveTextContent('Message is being sent to the carrier')
    expect(onItsWay.querySelector('time')).toHaveAttribute(
      'dateTime',
      '2026-11-20T09:30:02.000Z'
    )
    expect(onItsWay.querySelector('.status-badge')).toBeNull()
    expect(within(onItsWay).queryByText(/Carrier:/)).not.toBeInTheDocument()

    expect(accepted).toHaveTextContent('Accepted by the carrier')
    expect(
      within(accepted).getByText('Carrier: T-Mobile USA, Inc.')
    ).toBeInTheDocument()
    expect(within(accepted).getByText('Price: US$0.02')).toBeInTheDocument()

    expect(handset).toHaveTextContent('Delivered to the handset')
    expect(handset).toHaveTextContent(
      'Message has been delivered to the handset'
    )
    expect(within(handset).getByText('Delivered')).toHaveClass('status-badge')
    expect(handset.querySelector('time')).toHaveAttribute(
      'dateTime',
      '2026-11-20T09:30:09.000Z'
    )
  })

  it('says why a sent message was not delivered', () => {
    render(<Success id="cm3message0001" {...undelivered()} />)

    const status = screen.getByRole('region', { name: 'Status' })
    expect(within(status).getByText('Not delivered')).toHaveClass(
      'status-badge--error'
    )
    expect(
      within(status).getByText(
        'The carrier blocked the message. Check the content and that the sending number is registered for this use.'
      )
    ).toBeInTheDocument()
    expect(within(status).getByText('BLOCKED_BY_CARRIER')).toBeInTheDocument()

    const [, blocked] = timelineItems()
    expect(blocked).toHaveTextContent('Blocked by the carrier')
    expect(within(blocked).getByText('Not delivered')).toBeInTheDocument()
    expect(
      within(blocked).getByText('Carrier: Verizon Wireless')
    ).toBeInTheDocument()
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
    expect(screen.getByText(/^No delivery events yet\./)).toBeInTheDocument()
  })

  it('warns that an unanswered send may or may not have gone out', () => {
    render(<Success id="cm3message0001" {...unknown()} />)

    expect(screen.getByText('Unknown')).toHaveClass('status-badge--warning')
    expect(
      screen
        .getByText(/^The provider did not answer in time, so it is not known/)
        .closest('.notice')
    ).toHaveClass('notice--warning')
    expect(screen.getByText('OUTCOME_UNKNOWN')).toBeInTheDocument()
  })

  it('shows a queued message with when it will next be tried', () => {
    render(<Success id="cm3message0001" {...queued()} />)

    expect(screen.getByText('Queued')).toHaveClass('status-badge--info')
    expect(
      screen.getByText(
        'Recorded and waiting for its turn. It will be handed to AWS shortly.'
      )
    ).toBeInTheDocument()
    const nextAttempt = screen.getByText(/^Next attempt:/)
    expect(nextAttempt.querySelector('time')).toHaveAttribute(
      'dateTime',
      '2026-11-20T09:30:02.000Z'
    )
    expect(
      screen.getByRole('cell', { name: 'Throttled, retried' })
    ).toBeInTheDocument()
  })

  it('says when a queued message has not been tried yet', () => {
    render(<Success id="cm3message0001" {...queuedUntried()} />)

    expect(
      screen.getByText('No request has been made to the provider yet.')
    ).toBeInTheDocument()
    expect(screen.queryByText(/^Next attempt:/)).not.toBeInTheDocument()
  })

  it('names an event type it does not know by the provider’s own name', () => {
    render(
      <Success
        id="cm3message0001"
        mmsMessage={message({
          events: [
            {
              __typename: 'MmsEvent',
              type: 'MEDIA_SOMETHING_NEW',
              status: null,
              description: null,
              carrier: null,
              priceUsd: null,
              occurredAt: '2026-11-20T09:30:05.000Z',
            },
          ],
        })}
      />
    )
    expect(timelineItems()[0]).toHaveTextContent('MEDIA_SOMETHING_NEW')
  })

  describe('polling', () => {
    afterEach(() => {
      jest.useRealTimers()
    })

    it('polls every 2 seconds while the message is queued, and stops once it is delivered', () => {
      const queryResult = pollable()
      const { rerender } = render(
        <Success id="cm3message0001" {...queued()} queryResult={queryResult} />
      )
      expect(queryResult.startPolling).toHaveBeenCalledWith(POLL_INTERVAL_MS)
      expect(POLL_INTERVAL_MS).toBe(2_000)
      expect(queryResult.stopPolling).not.toHaveBeenCalled()

      rerender(
        <Success
          id="cm3message0001"
          {...delivered()}
          queryResult={queryResult}
        />
      )
      expect(queryResult.stopPolling).toHaveBeenCalled()
      expect(queryResult.startPolling).toHaveBeenCalledTimes(1)
    })

    it('does not poll for a message that has long settled', () => {
      for (const settled of [standard(), failed(), undelivered(), unknown()]) {
        const queryResult = pollable()
        const { unmount } = render(
          <Success id="cm3message0001" {...settled} queryResult={queryResult} />
        )
        expect(queryResult.startPolling).not.toHaveBeenCalled()
        unmount()
      }
    })

    it('watches a just-sent message for delivery events, then stops on its own', () => {
      jest.useFakeTimers({ now: new Date('2026-11-20T10:00:00.000Z') })
      const queryResult = pollable()
      render(
        <Success
          id="cm3message0001"
          mmsMessage={message({ updatedAt: '2026-11-20T09:59:00.000Z' })}
          queryResult={queryResult}
        />
      )
      expect(queryResult.startPolling).toHaveBeenCalledWith(POLL_INTERVAL_MS)

      act(() => jest.advanceTimersByTime(DELIVERY_WATCH_MS - 60_000 - 1))
      expect(queryResult.stopPolling).not.toHaveBeenCalled()
      act(() => jest.advanceTimersByTime(1))
      expect(queryResult.stopPolling).toHaveBeenCalled()
    })

    it('asks for nothing while the tab is hidden', () => {
      const { skipPollAttempt } = beforeQuery({ id: 'cm3message0001' })
      const visibility = jest.spyOn(document, 'visibilityState', 'get')
      try {
        visibility.mockReturnValue('hidden')
        expect(skipPollAttempt()).toBe(true)
        visibility.mockReturnValue('visible')
        expect(skipPollAttempt()).toBe(false)
      } finally {
        visibility.mockRestore()
      }
    })

    it('brings a queued message up to date without a reload, then stops asking', async () => {
      jest.useFakeTimers({ advanceTimers: true })
      const answers = [queued(), delivered()]
      let requests = 0
      mockGraphQLQuery('MessageCell_Find', () => {
        requests += 1
        return answers[Math.min(requests, answers.length) - 1]
      })

      render(<MessageCell id="cm3message0001" />)
      expect(await screen.findByText('Queued')).toBeInTheDocument()
      expect(requests).toBe(1)

      await act(() => jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS))
      expect(
        await within(screen.getByRole('region', { name: 'Status' })).findByText(
          'Delivered'
        )
      ).toBeInTheDocument()
      expect(requests).toBe(2)

      await act(() => jest.advanceTimersByTimeAsync(5 * POLL_INTERVAL_MS))
      expect(requests).toBe(2)
    })
  })
})
