import { scopedStorage } from './graphiqlStorage'

describe('scopedStorage', () => {
  afterEach(() => window.sessionStorage.clear())

  it('keeps one person’s GraphiQL tabs apart from another’s', () => {
    const ada = scopedStorage(window.sessionStorage, 'graphiql-user-1')
    const grace = scopedStorage(window.sessionStorage, 'graphiql-user-2')

    ada.setItem('graphiql:tabState', '{"destination":"+14254147755"}')

    expect(ada.getItem('graphiql:tabState')).toBe(
      '{"destination":"+14254147755"}'
    )
    expect(grace.getItem('graphiql:tabState')).toBeNull()
    expect(ada.length).toBe(1)
    expect(grace.length).toBe(0)
  })

  it('clears and removes only its own keys', () => {
    window.sessionStorage.setItem('unrelated', 'kept')
    const ada = scopedStorage(window.sessionStorage, 'graphiql-user-1')
    const grace = scopedStorage(window.sessionStorage, 'graphiql-user-2')
    ada.setItem('graphiql:query', 'a')
    ada.setItem('graphiql:variables', 'b')
    grace.setItem('graphiql:query', 'g')

    ada.removeItem('graphiql:variables')
    expect(ada.length).toBe(1)

    ada.clear()
    expect(ada.length).toBe(0)
    expect(grace.getItem('graphiql:query')).toBe('g')
    expect(window.sessionStorage.getItem('unrelated')).toBe('kept')
  })
})
