import { useEffect, useRef, useState } from 'react'

interface NewApiKeyNoticeProps {
  name: string
  secret: string
  onDone: () => void
}

type CopyState = 'idle' | 'copied' | 'failed'

const graphQLUrl = () =>
  new URL(globalThis.RWJS_API_GRAPHQL_URL, window.location.origin).href

/** The only showing of a new key's secret, with a way to copy it. */
const NewApiKeyNotice = ({ name, secret, onDone }: NewApiKeyNoticeProps) => {
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [copyState, setCopyState] = useState<CopyState>('idle')

  useEffect(() => {
    headingRef.current?.focus()
  }, [])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret)
      setCopyState('copied')
    } catch {
      setCopyState('failed')
    }
  }

  return (
    <section
      className="notice notice--warning"
      aria-labelledby="new-api-key-heading"
    >
      <h2 id="new-api-key-heading" ref={headingRef} tabIndex={-1}>
        Copy your new key “{name}” now
      </h2>
      <p>
        <strong>This is the only time the key is shown.</strong> Store it in
        your service’s secret store. If it is lost, revoke it and create
        another.
      </p>
      <div className="form-field">
        <label htmlFor="new-api-key-secret" className="form-field__label">
          API key
        </label>
        <div className="secret">
          <input
            id="new-api-key-secret"
            className="input"
            value={secret}
            readOnly
            spellCheck={false}
            autoComplete="off"
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" className="button" onClick={copy}>
            Copy key
          </button>
        </div>
        <p role="status" className="form-field__hint">
          {copyState === 'copied' && 'Copied to the clipboard.'}
          {copyState === 'failed' &&
            'The browser did not allow copying. Select the key and copy it by hand.'}
        </p>
      </div>
      <p>
        A service sends it in the <code>Authorization: Bearer</code> header with
        its GraphQL requests to <code>{graphQLUrl()}</code>.
      </p>
      <button
        type="button"
        className="button button--secondary"
        onClick={onDone}
      >
        I have stored the key
      </button>
    </section>
  )
}

export default NewApiKeyNotice
