import { useMemo, useState } from 'react'

import { GraphiQL } from 'graphiql'
// Fonts are inlined as data: URIs, so the page needs no font host.
import 'graphiql/graphiql.css'

import { Link, routes } from '@redwoodjs/router'
import { Metadata, useFetchConfig } from '@redwoodjs/web'

import { useAuth } from 'src/auth'
import { createGraphiqlFetcher } from 'src/lib/graphiqlFetcher'
import { scopedStorage } from 'src/lib/graphiqlStorage'

import CallerControls from './CallerControls'
import { SANDBOX_VARIABLES, SEND_MMS_DOCUMENT } from './sendMmsExample'

import './GraphiqlPage.css'

const GraphiqlPage = () => {
  const { currentUser, getToken, type } = useAuth()
  // The URL the app's Apollo client posts to (redwood.toml's apiUrl).
  const { uri } = useFetchConfig()
  const [apiKey, setApiKey] = useState<string | null>(null)

  const fetcher = useMemo(
    () =>
      createGraphiqlFetcher({
        url: uri,
        caller: apiKey
          ? { kind: 'apiKey', apiKey }
          : { kind: 'session', authProvider: type, getToken },
      }),
    [uri, apiKey, type, getToken]
  )
  const userId = currentUser?.id
  const storage = useMemo(
    () => scopedStorage(window.sessionStorage, `graphiql-user-${userId}`),
    [userId]
  )
  // graphiql 3 fills the variables editor from its `variables` prop or
  // storage only, never from `defaultTabs`: so the example is given as the
  // editors' contents, on a first visit only, and later visits restore the
  // person's own tabs.
  const [example] = useState(() =>
    storage.getItem('graphiql:tabState') === null
      ? { query: SEND_MMS_DOCUMENT, variables: SANDBOX_VARIABLES }
      : {}
  )

  return (
    <>
      <Metadata title="GraphiQL" />
      <div className="page-header">
        <h1>GraphiQL</h1>
        <p>
          Try the GraphQL API here as your services call it. The first tab is
          the guide’s <code>sendMms</code>; its variables send the local
          sandbox’s sample image to its success simulator number, so with real
          AWS put your own number and a file from your bucket. Keys are on the{' '}
          <Link to={routes.apiKeys()}>API keys</Link> page.
        </p>
      </div>
      <CallerControls
        email={currentUser?.email}
        apiKey={apiKey}
        onUseApiKey={setApiKey}
        onUseSession={() => setApiKey(null)}
      />
      <div className="graphiql-page__editor">
        <GraphiQL
          fetcher={fetcher}
          storage={storage}
          {...example}
          defaultQuery={SEND_MMS_DOCUMENT}
          defaultEditorToolsVisibility="variables"
          // Who the calls run as is chosen above, not in free-form headers.
          isHeadersEditorEnabled={false}
          forcedTheme="light"
        >
          <GraphiQL.Logo>MMS API</GraphiQL.Logo>
        </GraphiQL>
      </div>
    </>
  )
}

export default GraphiqlPage
