import {
  ApolloLink,
  Observable,
  execute,
  gql as apolloGql,
} from '@apollo/client'

import { render } from '@redwoodjs/testing/web'

import { useAuth } from 'src/auth'

import { sessionEndedLink, useSignOutWhenSessionEnds } from './sessionEnded'

jest.mock('src/auth', () => ({ useAuth: jest.fn() }))

const mockedUseAuth = useAuth as jest.MockedFunction<typeof useAuth>

const QUERY = apolloGql`
  query SessionEnded_Probe {
    __typename
  }
`

/**
 * Runs one operation through the link to an api that answers `errors`; the
 * operation carries `token` as Redwood's own link sets it.
 */
const answer = (
  errors: { message: string; extensions?: { code: string } }[],
  token: string | null = '1'
) =>
  new Promise<void>((resolve) => {
    const api = new ApolloLink(() => Observable.of({ data: null, errors }))
    execute(ApolloLink.from([sessionEndedLink, api]), {
      query: QUERY,
      context: { token },
    }).subscribe({
      complete: resolve,
      error: () => resolve(),
    })
  })

const Watcher = () => {
  useSignOutWhenSessionEnds()
  return null
}

describe('sessionEnded', () => {
  const reauthenticate = jest.fn()

  const signedIn = (isAuthenticated: boolean) =>
    mockedUseAuth.mockReturnValue({
      isAuthenticated,
      reauthenticate,
    } as unknown as ReturnType<typeof useAuth>)

  beforeEach(() => {
    reauthenticate.mockReset()
  })

  it('reads the auth state again when the api says the session has ended', async () => {
    signedIn(true)
    render(<Watcher />)

    await answer([
      {
        message: "You don't have permission to do that.",
        extensions: { code: 'UNAUTHENTICATED' },
      },
    ])
    expect(reauthenticate).toHaveBeenCalledTimes(1)
  })

  it('reads the auth state again when a request failed for want of a session token', async () => {
    signedIn(true)
    render(<Watcher />)

    await answer([{ message: 'Unexpected error.' }], null)
    expect(reauthenticate).toHaveBeenCalledTimes(1)
  })

  it('leaves the session alone for other errors', async () => {
    signedIn(true)
    render(<Watcher />)

    await answer([
      {
        message: "You don't have access to do that.",
        extensions: { code: 'FORBIDDEN' },
      },
    ])
    expect(reauthenticate).not.toHaveBeenCalled()
  })

  it('does nothing for someone signed out, or once the watcher is gone', async () => {
    signedIn(false)
    render(<Watcher />)
    signedIn(true)
    const { unmount } = render(<Watcher />)
    unmount()

    await answer([
      {
        message: "You don't have permission to do that.",
        extensions: { code: 'UNAUTHENTICATED' },
      },
    ])
    expect(reauthenticate).not.toHaveBeenCalled()
  })
})
