import { useState, type FormEvent } from 'react'

import { pastedApiKey } from 'src/lib/graphiqlFetcher'

interface CallerControlsProps {
  email: string | undefined
  /** The key GraphiQL's calls use instead of the session, if one was given. */
  apiKey: string | null
  onUseApiKey: (apiKey: string) => void
  onUseSession: () => void
}

const KEY_PREFIX = /^mms_[a-z0-9]{10}_/

/** Names a key by its public start only, as the API keys page does. */
const keyName = (apiKey: string) => {
  const prefix = KEY_PREFIX.exec(apiKey)
  return prefix ? `${prefix[0]}…` : 'you pasted'
}

/** Says who GraphiQL calls as, and switches between the session and a key. */
const CallerControls = ({
  email,
  apiKey,
  onUseApiKey,
  onUseSession,
}: CallerControlsProps) => {
  const [pasted, setPasted] = useState('')
  const [error, setError] = useState<string>()

  if (apiKey) {
    return (
      <section
        className="card graphiql-caller"
        aria-label="Who the calls run as"
      >
        <p role="status">
          Calls send only the API key{' '}
          <span className="mono">{keyName(apiKey)}</span>, as a service would:
          no session cookie.
        </p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setPasted('')
            onUseSession()
          }}
        >
          Use my session again
        </button>
      </section>
    )
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const key = pastedApiKey(pasted)
    if (!key) {
      setError('Paste a whole key, as the API keys page showed it: mms_…')
      return
    }
    setError(undefined)
    onUseApiKey(key)
  }

  return (
    <section className="card graphiql-caller" aria-label="Who the calls run as">
      <p role="status">
        Calls run as you{email ? ` (${email})` : ''}, with your session.
      </p>
      <form className="form-field" onSubmit={submit} noValidate>
        <label htmlFor="graphiql-api-key" className="form-field__label">
          Try an API key instead
        </label>
        <p id="graphiql-api-key-hint" className="form-field__hint">
          Calls then send only the key, as a service would. It stays on this
          page and is never stored.
        </p>
        <div className="secret">
          <input
            id="graphiql-api-key"
            className={error ? 'input input--error' : 'input'}
            value={pasted}
            onChange={(event) => setPasted(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={Boolean(error)}
            aria-describedby={
              error
                ? 'graphiql-api-key-hint graphiql-api-key-error'
                : 'graphiql-api-key-hint'
            }
          />
          <button type="submit" className="button">
            Use this key
          </button>
        </div>
        {error && (
          <p id="graphiql-api-key-error" className="form-field__error">
            {error}
          </p>
        )}
      </form>
    </section>
  )
}

export default CallerControls
