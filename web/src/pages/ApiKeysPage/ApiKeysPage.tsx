import { Link, routes } from '@redwoodjs/router'
import { Metadata } from '@redwoodjs/web'

import ApiKeysCell from 'src/components/ApiKeysCell'
import CreateApiKeyForm from 'src/components/CreateApiKeyForm'

const ApiKeysPage = () => (
  <>
    <Metadata title="API keys" />
    <div className="page-header">
      <h1>API keys</h1>
      <p>
        A key lets one of your services send messages and read their history as
        you. Give each service its own key, so one can be revoked without
        stopping the others.
      </p>
      <p>
        Try the API in <Link to={routes.graphiql()}>GraphiQL</Link>, as yourself
        or with a key.
      </p>
    </div>
    <CreateApiKeyForm />
    <h2>Your keys</h2>
    <ApiKeysCell />
  </>
)

export default ApiKeysPage
