import type { RWGqlError } from '@redwoodjs/forms'

/** What Apollo rejects with: an ApolloError, or a plain Error before a request is made. */
export type RequestError = Error &
  Partial<Pick<RWGqlError, 'graphQLErrors' | 'networkError'>>

/**
 * Field messages of a refused request (`BAD_USER_INPUT`), keyed by argument
 * name, as the api's services send them in `extensions.properties.messages`.
 */
export const fieldMessages = (
  error: RequestError | undefined
): Record<string, string[]> => {
  const extensions = error?.graphQLErrors?.[0]?.extensions as
    | { code?: string; properties?: { messages?: Record<string, string[]> } }
    | undefined
  if (extensions?.code !== 'BAD_USER_INPUT') {
    return {}
  }
  return extensions.properties?.messages ?? {}
}

/** A sentence for the person at the keyboard about an error that concerns no field. */
export const errorSummary = (error: RequestError): string => {
  if (error.graphQLErrors?.length) {
    return error.graphQLErrors[0].message
  }
  if (error.networkError) {
    return 'The server could not be reached. Check your connection and try again.'
  }
  return error.message
}
