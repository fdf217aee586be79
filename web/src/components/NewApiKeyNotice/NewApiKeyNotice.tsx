import { useEffect, useRef } from 'react'

import CopyField from 'src/components/CopyField'

interface NewApiKeyNoticeProps {
  name: string
  secret: string
  onDone: () => void
}

const graphQLUrl = () =>
  new URL(globalThis.RWJS_API_GRAPHQL_URL, window.location.origin).href

/** The only showing of a new key's secret, with a way to copy it. */
const NewApiKeyNotice = ({ name, secret, onDone }: NewApiKeyNoticeProps) => {
  const headingRef = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    headingRef.current?.focus()
  }, [])

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
      <CopyField
        id="new-api-key-secret"
        label="API key"
        value={secret}
        noun="key"
      />
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
