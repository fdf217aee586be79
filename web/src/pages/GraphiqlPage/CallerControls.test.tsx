import { fireEvent, render, screen } from '@redwoodjs/testing/web'

import CallerControls from './CallerControls'

const KEY = 'mms_abcdefghij_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG'

describe('CallerControls', () => {
  it('says calls run as the session, and hands over a pasted key', () => {
    const onUseApiKey = jest.fn()
    render(
      <CallerControls
        email="ada@example.com"
        apiKey={null}
        onUseApiKey={onUseApiKey}
        onUseSession={jest.fn()}
      />
    )

    expect(screen.getByRole('status')).toHaveTextContent(
      'Calls run as you (ada@example.com), with your session.'
    )
    fireEvent.change(
      screen.getByRole('textbox', { name: 'Try an API key instead' }),
      { target: { value: `Bearer ${KEY} ` } }
    )
    fireEvent.click(screen.getByRole('button', { name: 'Use this key' }))

    expect(onUseApiKey).toHaveBeenCalledWith(KEY)
  })

  it('asks for a key when none was pasted', () => {
    const onUseApiKey = jest.fn()
    render(
      <CallerControls
        email="ada@example.com"
        apiKey={null}
        onUseApiKey={onUseApiKey}
        onUseSession={jest.fn()}
      />
    )

    fireEvent.click(screen.getByRole('button', { name: 'Use this key' }))

    expect(onUseApiKey).not.toHaveBeenCalled()
    const field = screen.getByRole('textbox', {
      name: 'Try an API key instead',
    })
    expect(field).toHaveAttribute('aria-invalid', 'true')
    expect(field).toHaveAccessibleDescription(
      /Paste a whole key, as the API keys page showed it/
    )
  })

  it('names the key in use by its public start only, and goes back to the session', () => {
    const onUseSession = jest.fn()
    render(
      <CallerControls
        email="ada@example.com"
        apiKey={KEY}
        onUseApiKey={jest.fn()}
        onUseSession={onUseSession}
      />
    )

    const status = screen.getByRole('status')
    expect(status).toHaveTextContent(
      'Calls send only the API key mms_abcdefghij_…, as a service would: no session cookie.'
    )
    expect(status).not.toHaveTextContent('0123456789')
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument()

    fireEvent.click(
      screen.getByRole('button', { name: 'Use my session again' })
    )
    expect(onUseSession).toHaveBeenCalled()
  })
})
