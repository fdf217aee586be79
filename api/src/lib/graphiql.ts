type Env = Record<string, string | undefined>

/**
 * Whether the api serves GraphiQL and answers introspection: `GRAPHIQL_ENABLED`
 * ("true" or "false"); unset, on in development and off everywhere else, so a
 * production server never publishes its schema by accident.
 */
export const graphiqlEnabled = (env: Env = process.env): boolean => {
  const raw = env.GRAPHIQL_ENABLED
  if (raw === undefined || raw === '') {
    return env.NODE_ENV === 'development'
  }
  if (raw === 'true' || raw === 'false') {
    return raw === 'true'
  }
  throw new Error(`GRAPHIQL_ENABLED must be "true" or "false" (got "${raw}").`)
}
