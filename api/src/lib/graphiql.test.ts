import { graphiqlEnabled } from './graphiql'

describe('graphiqlEnabled', () => {
  it('is on in development and off in production and tests when unset', () => {
    expect(graphiqlEnabled({ NODE_ENV: 'development' })).toBe(true)
    expect(graphiqlEnabled({ NODE_ENV: 'production' })).toBe(false)
    expect(graphiqlEnabled({ NODE_ENV: 'test' })).toBe(false)
    expect(graphiqlEnabled({})).toBe(false)
    expect(
      graphiqlEnabled({ NODE_ENV: 'production', GRAPHIQL_ENABLED: '' })
    ).toBe(false)
  })

  it('follows GRAPHIQL_ENABLED whatever the environment', () => {
    expect(
      graphiqlEnabled({ NODE_ENV: 'production', GRAPHIQL_ENABLED: 'true' })
    ).toBe(true)
    expect(
      graphiqlEnabled({ NODE_ENV: 'development', GRAPHIQL_ENABLED: 'false' })
    ).toBe(false)
  })

  it('refuses any other value, naming the variable', () => {
    expect(() =>
      graphiqlEnabled({ NODE_ENV: 'production', GRAPHIQL_ENABLED: 'yes' })
    ).toThrow('GRAPHIQL_ENABLED must be "true" or "false" (got "yes").')
  })
})
