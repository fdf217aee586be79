import { getOperationAST, type GraphQLError } from 'graphql'
import type { Plugin } from 'graphql-yoga'

import type { Logger } from '@redwoodjs/api/logger'
import type { GraphQLHandlerOptions } from '@redwoodjs/graphql-server'

import { logger as apiLogger } from './logger'
import { maskPhoneNumbersInText } from './logMasking'

/**
 * The logger for Redwood's GraphQL server, with Redwood's own request logging
 * switched off. Its `useRedwoodLogger` plugin logs every error in a result at
 * error level with a stack and the error's text, so a caller's mistake (a
 * number sent as an Int, an invalid phone number) was logged as a failure,
 * with the number in it. `useGraphQLRequestLogging` logs requests instead.
 * Remove both when Redwood's plugin lets us choose the level per error.
 *
 * The logger itself still serves Yoga, which logs each unexpected error at
 * error level with its stack when it masks it for the caller.
 */
export const graphqlLoggerConfig = (
  logger: Logger = apiLogger
): GraphQLHandlerOptions['loggerConfig'] => ({
  logger,
  options: { level: 'silent' },
})

// A refused request is reported to its caller; these only say why in the log.
const describeRefusal = (error: GraphQLError) => ({
  message: maskPhoneNumbersInText(error.message),
  ...(error.extensions?.code ? { code: error.extensions.code } : {}),
  ...(error.path ? { path: error.path.join('.') } : {}),
})

/**
 * Sorts the errors of a result as the caller sees them (after Yoga has
 * masked unexpected errors):
 * - `masked`: unexpected, already logged by Yoga with the original's stack;
 * - `bug`: raised by graphql-js on a field's resolved value (a null for a
 *   non-null field), which only our code can cause;
 * - `refused`: everything else is the request's own fault or a deliberate
 *   answer: a syntax or validation error, a variable of the wrong type, bad
 *   user input, missing authentication or permission.
 */
const kindOf = (error: GraphQLError): 'masked' | 'bug' | 'refused' => {
  if (error.extensions?.unexpected) {
    return 'masked'
  }
  if (error.path && !error.extensions?.code) {
    return 'bug'
  }
  return 'refused'
}

interface RequestContext {
  params?: { operationName?: string | null }
  requestContext?: { awsRequestId?: string }
  event?: { requestContext?: { requestId?: string } }
}

/**
 * Logs each GraphQL operation once, by what happened to it: a refused
 * request as one warning naming its errors, without a stack; an error in our
 * own code at error level with its stack; a success at debug. Messages are
 * masked, so a phone number a caller sent never reaches the log.
 */
export const useGraphQLRequestLogging = (
  logger: Logger = apiLogger
): Plugin => {
  const log = logger.child({ name: 'graphql-server' })
  const operationNames = new WeakMap<object, string>()

  return {
    onValidate({ params, context }) {
      const requested = (context as RequestContext).params?.operationName
      const name = getOperationAST(params.documentAST, requested)?.name?.value
      if (name) {
        operationNames.set(context, name)
      }
    },

    onExecutionResult({ result, context }) {
      if (!result || Symbol.asyncIterator in result) {
        return
      }
      const request = context as RequestContext
      const operationName =
        operationNames.get(context) ??
        request.params?.operationName ??
        'Anonymous Operation'
      const requestId =
        request.requestContext?.awsRequestId ??
        request.event?.requestContext?.requestId
      const requestLog = log.child({
        operationName,
        ...(requestId ? { requestId } : {}),
      })

      const errors = result.errors ?? []
      const refused = errors.filter((error) => kindOf(error) === 'refused')
      if (refused.length > 0) {
        requestLog.warn(
          { errors: refused.map(describeRefusal) },
          `GraphQL request refused: ${operationName}`
        )
      }
      for (const error of errors.filter((e) => kindOf(e) === 'bug')) {
        requestLog.error(error, `GraphQL field error in ${operationName}`)
      }
      if (errors.length === 0) {
        requestLog.debug(`GraphQL request completed: ${operationName}`)
      }
    },
  }
}
