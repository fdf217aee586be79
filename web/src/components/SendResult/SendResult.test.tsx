import { render, screen } from '@redwoodjs/testing/web'

import SendResult from './SendResult'
import { sentMessage } from './SendResult.mock'

const heading = () => screen.getByRole('heading', { level: 2 })
const messageLink = () =>
  screen.getByRole('link', {
    name: 'View the message and its delivery attempts',
  })

describe('SendResult', () => {
  it('says a queued message is recorded and will be sent shortly, with a link to follow it', () => {
    render(<SendResult message={sentMessage({ status: 'QUEUED' })} />)

    expect(heading()).toHaveTextContent('Message recorded')
    expect(screen.getByText('Queued')).toHaveClass('status-badge--info')
    expect(
      screen.getByText(
        'It will be sent shortly. Its page shows when it is sent and delivered.'
      )
    ).toBeInTheDocument()
    expect(messageLink()).toHaveAttribute('href', '/messages/cm3message0001')
    expect(heading().closest('.notice')).toHaveClass('notice--info')
  })

  it('says a sent message was accepted and delivery comes later', () => {
    render(<SendResult message={sentMessage()} />)

    expect(heading()).toHaveTextContent('Message sent')
    expect(screen.getByText('Sent')).toHaveClass('status-badge--success')
    expect(
      screen.getByText(
        'Delivery to the handset is reported later, on its page.'
      )
    ).toBeInTheDocument()
    expect(screen.getByText('+1 425 414 7755')).toBeInTheDocument()
    expect(messageLink()).toBeInTheDocument()
  })

  it('gives the reason a message was not sent', () => {
    render(
      <SendResult
        message={sentMessage({
          status: 'FAILED',
          errorCode: 'DESTINATION_OPTED_OUT',
          errorMessage:
            'The recipient has opted out of messages from this sender.',
        })}
      />
    )

    expect(heading()).toHaveTextContent('The message was not sent')
    expect(heading().closest('.notice')).toHaveClass('notice--error')
    expect(
      screen.getByText(
        'The recipient has opted out of messages from this sender.'
      )
    ).toBeInTheDocument()
  })

  it('warns that an unanswered send may or may not have gone out', () => {
    render(
      <SendResult
        message={sentMessage({
          status: 'UNKNOWN',
          errorCode: 'OUTCOME_UNKNOWN',
          errorMessage:
            'The provider did not answer in time, so it is not known whether the message was sent. It was not retried, to avoid a duplicate.',
        })}
      />
    )

    expect(heading()).toHaveTextContent('The message may not have been sent')
    expect(heading().closest('.notice')).toHaveClass('notice--warning')
    expect(
      screen.getByText(/It was not retried, to avoid a duplicate\.$/)
    ).toBeInTheDocument()
  })

  it('shows a repeated send’s first message as it is now, delivered or not', () => {
    const { rerender } = render(
      <SendResult message={sentMessage({ status: 'DELIVERED' })} />
    )
    expect(heading()).toHaveTextContent('Message delivered')

    rerender(
      <SendResult
        message={sentMessage({
          status: 'UNDELIVERED',
          errorCode: 'FLAGGED_AS_SPAM',
          errorMessage: 'The carrier refused the message as spam.',
        })}
      />
    )
    expect(heading()).toHaveTextContent('The message was not delivered')
    expect(
      screen.getByText('The carrier refused the message as spam.')
    ).toBeInTheDocument()
  })

  it('says a dry run was only checked', () => {
    const { rerender } = render(
      <SendResult message={sentMessage({ dryRun: true })} />
    )
    expect(heading()).toHaveTextContent(
      'Dry run passed: AWS accepted the message, nothing was sent'
    )
    expect(
      screen.queryByText(/Delivery to the handset/)
    ).not.toBeInTheDocument()

    rerender(
      <SendResult message={sentMessage({ dryRun: true, status: 'QUEUED' })} />
    )
    expect(heading()).toHaveTextContent(
      'Dry run recorded: AWS will check the message shortly, nothing will be sent'
    )
    expect(
      screen.queryByText(/It will be sent shortly/)
    ).not.toBeInTheDocument()
  })
})
