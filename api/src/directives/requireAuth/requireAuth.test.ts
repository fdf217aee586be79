import { getDirectiveName, mockRedwoodDirective } from '@redwoodjs/testing/api'

import requireAuth from './requireAuth'

describe('requireAuth directive', () => {
  it('declares the directive sdl as schema, with the correct name', () => {
    expect(requireAuth.schema).toBeTruthy()
    expect(getDirectiveName(requireAuth.schema)).toBe('requireAuth')
  })

  it('lets a signed-in caller through', () => {
    const execution = mockRedwoodDirective(requireAuth, {
      context: {
        currentUser: {
          id: 1,
          email: 'ada@example.com',
          role: 'MEMBER',
          roles: ['MEMBER'],
        },
      },
    })
    expect(execution).not.toThrow()
  })

  it('refuses a caller who is not signed in', () => {
    const execution = mockRedwoodDirective(requireAuth, { context: {} })
    expect(execution).toThrow("You don't have permission to do that.")
  })
})
