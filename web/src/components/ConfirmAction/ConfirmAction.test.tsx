import {
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@redwoodjs/testing/web'

import ConfirmAction from './ConfirmAction'

const setUp = (
  props: Partial<React.ComponentProps<typeof ConfirmAction>> = {}
) => {
  const onConfirm = jest.fn().mockResolvedValue(undefined)
  const describeError = jest.fn((caught: Error) => `Refused: ${caught.message}`)
  const view = render(
    <ConfirmAction
      label={
        <>
          Archive<span className="sr-only"> Weekly report</span>
        </>
      }
      questionId="archive-1-question"
      question={
        <>
          Archive <strong>Weekly report</strong>? It leaves the list.
        </>
      }
      confirmLabel="Yes, archive"
      busyLabel="Archiving…"
      busy={false}
      onConfirm={onConfirm}
      describeError={describeError}
      {...props}
    />
  )
  return { onConfirm, describeError, ...view }
}

const open = () =>
  fireEvent.click(screen.getByRole('button', { name: 'Archive Weekly report' }))

describe('ConfirmAction', () => {
  it('asks in place with focus on Cancel, and Cancel goes back to the button without acting', async () => {
    const { onConfirm } = setUp()
    open()

    // The question names the group, so a screen reader reads it with the answers.
    const question = screen.getByRole('group', { name: /It leaves the list/ })
    expect(
      within(question).getByRole('button', { name: 'Cancel' })
    ).toHaveFocus()
    expect(
      within(question).getByRole('button', { name: 'Yes, archive' })
    ).not.toHaveClass('button--danger')

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('group')).not.toBeInTheDocument()
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Archive Weekly report' })
      ).toHaveFocus()
    )
    expect(onConfirm).not.toHaveBeenCalled()
  })

  it('acts on Yes and leaves closing to the caller unless told to close', async () => {
    const { onConfirm } = setUp({ danger: true })
    open()
    const yes = screen.getByRole('button', { name: 'Yes, archive' })
    expect(yes).toHaveClass('button', 'button--danger', 'button--small')

    fireEvent.click(yes)
    await waitFor(() => expect(onConfirm).toHaveBeenCalledTimes(1))
    expect(screen.getByRole('group')).toBeInTheDocument()
  })

  it('closes after success when the button stays in place', async () => {
    const { onConfirm } = setUp({ closeWhenDone: true })
    open()
    fireEvent.click(screen.getByRole('button', { name: 'Yes, archive' }))

    await waitFor(() =>
      expect(screen.queryByRole('group')).not.toBeInTheDocument()
    )
    expect(onConfirm).toHaveBeenCalledTimes(1)
    expect(
      screen.getByRole('button', { name: 'Archive Weekly report' })
    ).toBeInTheDocument()
  })

  it('shows the caller’s sentence for a refusal, keeps the question open, and clears it on the next try', async () => {
    const refusal = new Error('Already archived.')
    const { onConfirm, describeError } = setUp({ closeWhenDone: true })
    onConfirm.mockRejectedValueOnce(refusal)
    open()
    fireEvent.click(screen.getByRole('button', { name: 'Yes, archive' }))

    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^Refused: Already archived.$/
    )
    expect(describeError).toHaveBeenCalledWith(refusal)
    expect(screen.getByRole('group')).toBeInTheDocument()

    fireEvent.click(screen.getByRole('button', { name: 'Yes, archive' }))
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    await waitFor(() =>
      expect(screen.queryByRole('group')).not.toBeInTheDocument()
    )
  })

  it('says it is busy and takes no second answer while the action runs', () => {
    const { rerender, onConfirm, describeError } = setUp()
    open()
    rerender(
      <ConfirmAction
        label="Archive"
        questionId="archive-1-question"
        question="Archive Weekly report?"
        confirmLabel="Yes, archive"
        busyLabel="Archiving…"
        busy
        onConfirm={onConfirm}
        describeError={describeError}
      />
    )

    expect(screen.getByRole('button', { name: 'Archiving…' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled()
    expect(
      screen.queryByRole('button', { name: 'Yes, archive' })
    ).not.toBeInTheDocument()
  })
})
