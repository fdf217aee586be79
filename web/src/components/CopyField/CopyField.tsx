import { useState } from 'react'

interface CopyFieldProps {
  id: string
  label: string
  value: string
  /** What the value is, in "Copy key", "Select the key and copy it by hand". */
  noun: string
}

type CopyState = 'idle' | 'copied' | 'failed'

/** A value shown once, read-only, with a button that copies it. */
const CopyField = ({ id, label, value, noun }: CopyFieldProps) => {
  const [copyState, setCopyState] = useState<CopyState>('idle')

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setCopyState('copied')
    } catch {
      setCopyState('failed')
    }
  }

  return (
    <div className="form-field">
      <label htmlFor={id} className="form-field__label">
        {label}
      </label>
      <div className="secret">
        <input
          id={id}
          className="input"
          value={value}
          readOnly
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button" onClick={copy}>
          Copy {noun}
        </button>
      </div>
      <p role="status" className="form-field__hint">
        {copyState === 'copied' && 'Copied to the clipboard.'}
        {copyState === 'failed' &&
          `The browser did not allow copying. Select the ${noun} and copy it by hand.`}
      </p>
    </div>
  )
}

export default CopyField
