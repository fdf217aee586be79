import { fireEvent, render, screen, waitFor } from '@redwoodjs/testing/web'

import CreateApiKeyForm from './CreateApiKeyForm'

const SECRET = 'mms_k3x9q2m7ab_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG'

const created = (name: string) => ({
  createApiKey: {
    __typename: 'CreatedApiKey',
    apiKey: {
      __typename: 'ApiKey',
      id: 'key-new',
      name,
      prefix: 'k3x9q2m7ab',
      createdAt: '2026-11-22T10:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
    },
    secret: SECRET,
  },
})

const typeName = (value: string) =>
  fireEvent.change(screen.getByRole('textbox', { name: 'Name' }), {
    target: { value },
  })

const create = () =>
  fireEvent.click(screen.getByRole('button', { name: 'Create key' }))

describe('CreateApiKeyForm', () => {
  afterEach(() => {
    jest.restoreAllMocks()
  })

  it('asks for a name before creating anything', async () => {
    const calls: unknown[] = []
    mockGraphQLMutation('CreateApiKeyForm_CreateApiKey', (variables) => {
      calls.push(variables)
      return created('x')
    })
    render(<CreateApiKeyForm />)
    create()

    expect(
      await screen.findByText(
        'Give the key a name of 1 to 100 characters, e.g. the service that will use it.'
      )
    ).toBeInTheDocument()
    expect(calls).toEqual([])
  })

  it('shows the new key once, with a warning and a copy button', async () => {
    const calls: unknown[] = []
    mockGraphQLMutation('CreateApiKeyForm_CreateApiKey', (variables) => {
      calls.push(variables)
      return created('Billing reminders')
    })
    const writeText = jest.fn().mockResolvedValue(undefined)
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    })

    render(<CreateApiKeyForm />)
    typeName('Billing reminders')
    create()

    const heading = await screen.findByRole('heading', {
      name: 'Copy your new key “Billing reminders” now',
    })
    expect(heading).toHaveFocus()
    expect(
      screen.getByText('This is the only time the key is shown.')
    ).toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: 'API key' })).toHaveValue(SECRET)
    expect(calls).toEqual([{ name: 'Billing reminders' }])

    fireEvent.click(screen.getByRole('button', { name: 'Copy key' }))
    await waitFor(() =>
      expect(screen.getByText('Copied to the clipboard.')).toBeInTheDocument()
    )
    expect(writeText).toHaveBeenCalledWith(SECRET)

    fireEvent.click(
      screen.getByRole('button', { name: 'I have stored the key' })
    )
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('')

    delete (navigator as { clipboard?: unknown }).clipboard
  })

  it('tells how to copy by hand when the browser refuses the clipboard', async () => {
    mockGraphQLMutation('CreateApiKeyForm_CreateApiKey', () => created('CRM'))
    Object.defineProperty(navigator, 'clipboard', {
      value: {
        writeText: jest.fn().mockRejectedValue(new Error('NotAllowedError')),
      },
      configurable: true,
    })
    render(<CreateApiKeyForm />)
    typeName('CRM')
    create()

    fireEvent.click(await screen.findByRole('button', { name: 'Copy key' }))
    expect(
      await screen.findByText(
        'The browser did not allow copying. Select the key and copy it by hand.'
      )
    ).toBeInTheDocument()

    delete (navigator as { clipboard?: unknown }).clipboard
  })

  it('shows the api’s refusal beside the name', async () => {
    mockGraphQLMutation(
      'CreateApiKeyForm_CreateApiKey',
      (_variables, { ctx }) => {
        const message =
          'Give the key a name of 1 to 100 characters, e.g. the service that will use it.'
        ctx.errors([
          {
            message: `name: ${message}`,
            extensions: {
              code: 'BAD_USER_INPUT',
              properties: { messages: { name: [message] } },
            },
          },
        ])
      }
    )
    render(<CreateApiKeyForm />)
    typeName('x'.repeat(101))
    create()

    expect(
      await screen.findByText(
        'Give the key a name of 1 to 100 characters, e.g. the service that will use it.'
      )
    ).toHaveAttribute('id', 'name-error')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('says when a key could not be created for another reason', async () => {
    mockGraphQLMutation(
      'CreateApiKeyForm_CreateApiKey',
      (_variables, { ctx }) => {
        ctx.errors([
          {
            message:
              'API keys are managed by a signed-in person, not with an API key.',
            extensions: { code: 'FORBIDDEN' },
          },
        ])
      }
    )
    render(<CreateApiKeyForm />)
    typeName('Billing')
    create()

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The key was not created.API keys are managed by a signed-in person, not with an API key.'
    )
  })
})
