import type { ReactNode } from 'react'

import { ApolloLink } from '@apollo/client'

import { FatalErrorBoundary, RedwoodProvider } from '@redwoodjs/web'
import { RedwoodApolloProvider } from '@redwoodjs/web/apollo'

import { cacheConfig } from 'src/lib/apolloCache'
import {
  sessionEndedLink,
  useSignOutWhenSessionEnds,
} from 'src/lib/sessionEnded'
import FatalErrorPage from 'src/pages/FatalErrorPage'

import { AuthProvider, useAuth } from './auth'

import './index.css'

interface AppProps {
  children?: ReactNode
}

const SessionWatcher = () => {
  useSignOutWhenSessionEnds()
  return null
}

const App = ({ children }: AppProps) => (
  <FatalErrorBoundary page={FatalErrorPage}>
    <RedwoodProvider titleTemplate="%PageTitle | MMS Sender">
      <AuthProvider>
        <RedwoodApolloProvider
          useAuth={useAuth}
          graphQLClientConfig={{
            cacheConfig,
            link: (redwoodLinks) =>
              ApolloLink.from([
                sessionEndedLink,
                ...redwoodLinks.map(({ link }) => link),
              ]),
          }}
        >
          <SessionWatcher />
          {children}
        </RedwoodApolloProvider>
      </AuthProvider>
    </RedwoodProvider>
  </FatalErrorBoundary>
)

export default App
