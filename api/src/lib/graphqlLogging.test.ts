import { GraphQLError } from 'graphql'

import { createLogger } from '@redwoodjs/api/logger'

import { useGraphQLRequestLogging } from './graphqlLogging'
import { loggerOptions } from './logger'

// Refusals, successes and masked errors are covered through the real handler
// in functions/graphql.logging.test.ts; a field error from graphql-js cannot
// be caused from outside, so this drives the hook directly.
describe('useGraphQLRequestLogging', () => {
  it('logs a field error raised by graphql-js as an error with its stack', async () => {
    const lines: string[] = []
    const logger = createLogger({
      options: { ...loggerOptions, level: 'debug' },
      destination: { write: (line: string) => lines.push(line) },
    })
    const plugin = useGraphQLRequestLogging(logger)
    const error = new GraphQLError(
      'Cannot return null for non-nullable field Mutation.sendMms.',
      { path: ['sendMms'] }
    )

    await plugin.onExecutionResult?.({
      result: { errors: [error], data: null },
      context: { params: { operationName: 'SendMms' } },
      request: new Request('http://localhost/graphql'),
      setResult: () => undefined,
    } as never)

    const logged = lines.map((line) => JSON.parse(line))
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({
      level: 50,
      operationName: 'SendMms',
      msg: 'GraphQL field error in SendMms',
      err: {
        type: 'GraphQLError',
        message: 'Cannot return null for non-nullable field Mutation.sendMms.',
        path: ['sendMms'],
      },
    })
    expect(logged[0].err.stack).toContain('graphqlLogging.test.ts')
  })
})
