import { useState } from 'react'

import type { MessagesCell_List } from 'types/graphql'

import {
  act,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@redwoodjs/testing/web'
import { RedwoodApolloProvider } from '@redwoodjs/web/apollo'

import { useAuth } from 'src/auth'
import MessagesCell from 'src/components/MessagesCell'
import { cacheConfig } from 'src/lib/apolloCache'

import {
  Empty,
  Failure,
  Loading,
  PAGE_SIZE,
  POLL_INTERVAL_MS,
  Success,
  beforeQuery,
} from './MessagesCell'
import { message, queued, sending, standard } from './MessagesCell.mock'

const listItems = () =>
  within(screen.getByRole('list')).getAllByRole('listitem')

describe('MessagesCell', () => {
  it('says it is loading', () => {
    render(<Loading />)
    expect(screen.getByRole('status')).toHaveTextContent(
      'Loading your messages…'
    )
  })

  it('invites a new user to send a first message', () => {
    render(<Empty />)
    expect(
      screen.getByText('You have not sent any messages yet.')
    ).toBeInTheDocument()
    expect(
      screen.getByRole('link', { name: 'Send your first MMS' })
    ).toHaveAttribute('href', '/')
  })

  it('says when a status filter matches nothing, with a way back to all messages', () => {
    render(<Empty status="FAILED" />)
    expect(
      screen.getByText('No messages have the status “Failed”.')
    ).toBeInTheDocument()
    expect(
      screen.getByRole('link', { name: 'Show all messages' })
    ).toHaveAttribute('href', '/messages')
  })

  it('explains a failure and retries on request', async () => {
    const refetch = jest.fn().mockResolvedValue({})
    render(
      <Failure
        error={new Error('Could not connect to the database.')}
        queryResult={{ refetch }}
      />
    )
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Your messages could not be loaded.'
    )
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not connect to the database.'
    )

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(refetch).toHaveBeenCalledTimes(1)
  })

  it('lists messages newest first with masked numbers, status, excerpt and thumbnail', () => {
    render(<Success {...standard()} />)

    const [sent, failed, unknown, delivered, undelivered] = listItems()
    expect(within(sent).getByRole('link')).toHaveAttribute(
      'href',
      '/messages/msg-sent'
    )
    expect(within(sent).getByText('+1 *** *** **55')).toBeInTheDocument()
    expect(within(sent).getByText('number ending 55')).toBeInTheDocument()
    expect(within(sent).getByText('Sent')).toHaveClass('status-badge--success')
    expect(
      within(sent).getByText('The photos from Saturday, as promised.')
    ).toBeInTheDocument()
    expect(sent.querySelector('.media-thumbnail img')).toHaveAttribute(
      'src',
      'https://mms-media.example.com/uploads/1/a/beach.jpg?X-Amz-Signature=abc'
    )

    expect(within(failed).getByText('+44 **** ****56')).toBeInTheDocument()
    expect(within(failed).getByText('Failed')).toHaveClass(
      'status-badge--error'
    )
    expect(
      within(failed).getByText(
        'The recipient has opted out of messages from this sender.'
      )
    ).toBeInTheDocument()

    expect(within(unknown).getByText('Unknown')).toBeInTheDocument()
    expect(within(unknown).getByText('No text')).toBeInTheDocument()
    expect(
      within(unknown).getByText('File', { selector: '.media-thumbnail' })
    ).toBeInTheDocument()

    expect(within(delivered).getByText('Delivered')).toHaveClass(
      'status-badge--success'
    )
    expect(
      delivered.querySelector('.message-summary__error')
    ).not.toBeInTheDocument()

    expect(within(undelivered).getByText('Not delivered')).toHaveClass(
      'status-badge--error'
    )
    expect(
      within(undelivered).getByText(
        'The carrier could not reach the phone: it may be off, out of coverage, or not able to receive MMS.'
      )
    ).toBeInTheDocument()
  })

  it('shows a queued message as queued', () => {
    render(<Success {...queued()} />)
    expect(within(listItems()[0]).getByText('Queued')).toHaveClass(
      'status-badge--info'
    )
  })

  it('shortens a long body to an excerpt', () => {
    const long = 'word '.repeat(100).trim()
    render(
      <Success
        mmsMessages={{
          ...standard().mmsMessages,
          nodes: [message({ messageBody: long })],
        }}
      />
    )
    const body = listItems()[0].querySelector('.message-summary__body')
    expect(body.textContent.length).toBeLessThan(160)
    expect(body).toHaveTextContent(/word…/)
  })

  it('polls every 5 seconds while a message is on its way, and not once all are settled', () => {
    expect(POLL_INTERVAL_MS).toBe(5_000)
    for (const onItsWay of [queued(), sending()]) {
      const startPolling = jest.fn()
      const stopPolling = jest.fn()
      const { rerender, unmount } = render(
        <Success {...onItsWay} queryResult={{ startPolling, stopPolling }} />
      )
      expect(startPolling).toHaveBeenCalledWith(POLL_INTERVAL_MS)

      rerender(
        <Success {...standard()} queryResult={{ startPolling, stopPolling }} />
      )
      expect(stopPolling).toHaveBeenCalled()
      expect(startPolling).toHaveBeenCalledTimes(1)
      unmount()
    }

    const startPolling = jest.fn()
    render(
      <Success
        {...standard()}
        queryResult={{ startPolling, stopPolling: jest.fn() }}
      />
    )
    expect(startPolling).not.toHaveBeenCalled()
  })

  it('asks for nothing while the tab is hidden', () => {
    const { skipPollAttempt } = beforeQuery({})
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

  describe('with the app’s cache', () => {
    const page = (ids: string[], hasNextPage: boolean) => ({
      mmsMessages: {
        __typename: 'MmsMessageConnection',
        nodes: ids.map((id) => message({ id, messageBody: `Message ${id}` })),
        pageInfo: {
          __typename: 'MmsPageInfo',
          endCursor: ids[ids.length - 1],
          hasNextPage,
        },
      },
    })

    let revisit: () => void

    /** A page whose cell can be mounted afresh on the same client, as a return visit does. */
    const HistoryPage = () => {
      const [visit, setVisit] = useState(1)
      revisit = () => setVisit((count) => count + 1)
      return <MessagesCell key={visit} />
    }

    const withAppCache = () => (
      <RedwoodApolloProvider
        useAuth={useAuth}
        graphQLClientConfig={{ cacheConfig }}
      >
        <HistoryPage />
      </RedwoodApolloProvider>
    )

    it('loads older messages below, and keeps them when the first page is fetched again', async () => {
      let newest = ['m3', 'm2']
      const requests: Record<string, unknown>[] = []
      mockGraphQLQuery('MessagesCell_List', (variables) => {
        requests.push(variables)
        return variables.after === 'm2'
          ? page(['m1'], false)
          : page(newest, true)
      })

      render(withAppCache())
      await screen.findByText('Message m3')
      expect(requests[0]).toEqual({ first: PAGE_SIZE, status: null })
      expect(
        screen.getByText('Showing the latest 2 messages.')
      ).toBeInTheDocument()

      fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
      await screen.findByText('Message m1')
      expect(requests[1]).toMatchObject({ after: 'm2' })
      expect(listItems().map((item) => item.textContent)).toEqual([
        expect.stringContaining('Message m3'),
        expect.stringContaining('Message m2'),
        expect.stringContaining('Message m1'),
      ])
      expect(screen.getByText('Showing all 3 messages.')).toBeInTheDocument()
      expect(
        screen.queryByRole('button', { name: 'Load more' })
      ).not.toBeInTheDocument()
      await waitFor(() =>
        expect(within(listItems()[2]).getByRole('link')).toHaveFocus()
      )

      newest = ['m4', 'm3']
      act(() => revisit())
      await screen.findByText('Message m4')
      expect(listItems().map((item) => item.textContent)).toEqual([
        expect.stringContaining('Message m4'),
        expect.stringContaining('Message m3'),
        expect.stringContaining('Message m2'),
        expect.stringContaining('Message m1'),
      ])
    })

    it('brings a queued message up to date without a reload, then stops asking', async () => {
      jest.useFakeTimers({ advanceTimers: true })
      try {
        const before = queued()
        const [first, ...rest] = before.mmsMessages.nodes
        const after: MessagesCell_List = {
          mmsMessages: {
            ...before.mmsMessages,
            nodes: [
              {
                ...first,
                status: 'DELIVERED',
                updatedAt: '2026-11-20T09:31:09.000Z',
              },
              ...rest,
            ],
          },
        }
        let requests = 0
        mockGraphQLQuery('MessagesCell_List', () => {
          requests += 1
          return requests === 1 ? before : after
        })

        render(withAppCache())
        const newest = async () =>
          within((await screen.findAllByRole('listitem'))[0])
        expect((await newest()).getByText('Queued')).toBeInTheDocument()
        expect(requests).toBe(1)

        await act(() => jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS))
        expect(
          await (await newest()).findByText('Delivered')
        ).toBeInTheDocument()
        expect(requests).toBe(2)

        await act(() => jest.advanceTimersByTimeAsync(5 * POLL_INTERVAL_MS))
        expect(requests).toBe(2)
      } finally {
        jest.useRealTimers()
      }
    })

    it('says when older messages could not be loaded', async () => {
      mockGraphQLQuery('MessagesCell_List', (variables, { ctx }) => {
        if (variables.after) {
          ctx.errors([
            { message: 'after: This cursor does not belong to your messages.' },
          ])
          return undefined
        }
        return page(['m3', 'm2'], true)
      })
      render(withAppCache())
      fireEvent.click(await screen.findByRole('button', { name: 'Load more' }))

      expect(await screen.findByRole('alert')).toHaveTextContent(
        'More messages could not be loaded.after: This cursor does not belong to your messages.'
      )
      expect(screen.getByText('Message m3')).toBeInTheDocument()
    })
  })
})
