import { useEffect, useRef, useState, type ReactNode } from 'react'

import type { RequestError } from 'src/lib/graphQLErrors'

interface ConfirmActionProps {
  /** The opening button's content; name the target in an `sr-only` span. */
  label: ReactNode
  /** Labels the question's group; unique on the page. */
  questionId: string
  /** What the action does, asked before it runs. */
  question: ReactNode
  /** The confirming button, e.g. "Yes, revoke". */
  confirmLabel: string
  /** The confirming button while `busy`, e.g. "Revoking…". */
  busyLabel: string
  /** While the caller's mutation runs: both answers are disabled. */
  busy: boolean
  /** A confirming button that destroys or shuts out, styled as danger. */
  danger?: boolean
  /** Runs the action; a rejection is shown as an alert in the question. */
  onConfirm: () => Promise<unknown>
  /** The sentence shown for what `onConfirm` rejected with. */
  describeError: (caught: RequestError) => string
  /** Close the question after success, for a button that stays in place. */
  closeWhenDone?: boolean
}

/**
 * A button that asks, in place, before it acts: focus moves to Cancel when
 * the question opens (the safe answer) and back to the button on Cancel.
 */
const ConfirmAction = ({
  label,
  questionId,
  question,
  confirmLabel,
  busyLabel,
  busy,
  danger = false,
  onConfirm,
  describeError,
  closeWhenDone = false,
}: ConfirmActionProps) => {
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string>()
  const cancelRef = useRef<HTMLButtonElement>(null)
  const openRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (confirming) {
      cancelRef.current?.focus()
    }
  }, [confirming])

  const cancel = () => {
    setConfirming(false)
    setError(undefined)
    // Back on the button that opened the question, once it is rendered again.
    setTimeout(() => openRef.current?.focus())
  }

  const confirm = async () => {
    setError(undefined)
    try {
      await onConfirm()
      if (closeWhenDone) {
        setConfirming(false)
      }
    } catch (caught) {
      setError(describeError(caught as RequestError))
    }
  }

  if (!confirming) {
    return (
      <button
        ref={openRef}
        type="button"
        className="button button--secondary button--small"
        onClick={() => setConfirming(true)}
      >
        {label}
      </button>
    )
  }

  return (
    <div className="confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId}>{question}</p>
      {error && (
        <p role="alert" className="form-field__error">
          {error}
        </p>
      )}
      <div className="confirm__actions">
        <button
          type="button"
          className={
            danger
              ? 'button button--danger button--small'
              : 'button button--small'
          }
          onClick={confirm}
          disabled={busy}
        >
          {busy ? busyLabel : confirmLabel}
        </button>
        <button
          ref={cancelRef}
          type="button"
          className="button button--secondary button--small"
          onClick={cancel}
          disabled={busy}
        >
          Cancel
        </button>
      </div>
    </div>
  )
}

export default ConfirmAction
