import { Form, Submit } from '@redwoodjs/forms'
import { fireEvent, render, screen, waitFor } from '@redwoodjs/testing/web'

import MessageBodyField from './MessageBodyField'

const renderField = () => {
  const submitted: Array<{ messageBody: string }> = []
  render(
    <Form<{ messageBody: string }>
      onSubmit={(values) => {
        submitted.push(values)
      }}
    >
      <MessageBodyField />
      <Submit>Send</Submit>
    </Form>
  )
  return submitted
}

const type = (value: string) =>
  fireEvent.change(screen.getByLabelText('Message'), { target: { value } })

const submit = () =>
  fireEvent.click(screen.getByRole('button', { name: 'Send' }))

describe('MessageBodyField', () => {
  it('counts an emoji as one character and sends 1600 of them', async () => {
    const submitted = renderField()
    const body = '😀'.repeat(1600)

    type(body)
    expect(screen.getByText('1600 of 1600 characters')).not.toHaveClass(
      'character-count--over'
    )
    submit()

    await waitFor(() => expect(submitted).toEqual([{ messageBody: body }]))
    expect(screen.getByLabelText('Message')).toHaveAttribute(
      'aria-invalid',
      'false'
    )
  })

  it('refuses the 1601st emoji with the rule’s own message', async () => {
    const submitted = renderField()

    type('😀'.repeat(1601))
    expect(screen.getByText('1601 of 1600 characters: 1 too many')).toHaveClass(
      'character-count--over'
    )
    submit()

    expect(
      await screen.findByText(
        'The message is 1601 characters; the limit is 1600.'
      )
    ).toBeInTheDocument()
    expect(screen.getByLabelText('Message')).toHaveAttribute(
      'aria-invalid',
      'true'
    )
    expect(submitted).toEqual([])
  })

  it('counts a combining accent as a character of its own', () => {
    renderField()
    type('Cafe\u0301 📦')
    expect(screen.getByText('7 of 1600 characters')).toBeInTheDocument()
  })

  it('refuses a body of only whitespace', async () => {
    const submitted = renderField()
    type('  \n ')
    submit()
    expect(
      await screen.findByText('The message cannot be only whitespace.')
    ).toBeInTheDocument()
    expect(submitted).toEqual([])
  })
})
