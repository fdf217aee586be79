import { createGraphQLHandler } from '@redwoodjs/graphql-server'

import directives from 'src/directives/**/*.{js,ts}'
import sdls from 'src/graphql/**/*.sdl.{js,ts}'
import services from 'src/services/**/*.{js,ts}'

import { useApiKeyAuth } from 'src/lib/apiKeyAuth'
import { authDecoder, getCurrentUser } from 'src/lib/auth'
import { ConfigError, mmsConfig } from 'src/lib/config'
import { db } from 'src/lib/db'
import { graphiqlEnabled } from 'src/lib/graphiql'
import {
  graphqlLoggerConfig,
  useGraphQLRequestLogging,
} from 'src/lib/graphqlLogging'
import { logger } from 'src/lib/logger'

// Fail loudly at start-up, with every problem listed, rather than on the first send.
try {
  mmsConfig()
} catch (error) {
  if (error instanceof ConfigError) {
    logger.fatal(error.message)
  }
  throw error
}

// GraphiQL and introspection publish the schema: only where configured (lib/graphiql).
const graphiql = graphiqlEnabled()

export const handler = createGraphQLHandler({
  authDecoder,
  getCurrentUser,
  extraPlugins: [useApiKeyAuth(), useGraphQLRequestLogging()],
  allowGraphiQL: graphiql,
  allowIntrospection: graphiql,
  // Requests are logged by useGraphQLRequestLogging (lib/graphqlLogging), once
  // each and at the level they deserve; Redwood's own request logging is off.
  loggerConfig: graphqlLoggerConfig(),
  // A query the armor refuses comes back as a validation error, which
  // useGraphQLRequestLogging logs as a refusal; the armor would add an error.
  armorConfig: { logErrors: false },
  directives,
  sdls,
  services,
  onException: () => {
    db.$disconnect()
  },
})
