import type { OpenInvitationsCell_List } from 'types/graphql'

export const standard = (): OpenInvitationsCell_List => ({
  openInvitations: [
    {
      __typename: 'Invitation',
      id: 'cmi8x2k0f0001a1b2c3d4e5f6',
      email: 'barbara@example.com',
      role: 'ADMIN',
      createdAt: '2026-11-21T10:00:00.000Z',
      expiresAt: '2026-11-28T10:00:00.000Z',
      invitedBy: 'ada@example.com',
    },
    {
      __typename: 'Invitation',
      id: 'cmi8w9h3d0000z9y8x7w6v5u4',
      email: 'edsger@example.com',
      role: 'MEMBER',
      createdAt: '2026-11-18T10:00:00.000Z',
      expiresAt: '2026-11-25T10:00:00.000Z',
      invitedBy: null,
    },
  ],
})
