import type { ApiKeysCell_List } from 'types/graphql'

export const standard = (): ApiKeysCell_List => ({
  apiKeys: [
    {
      __typename: 'ApiKey',
      id: 'key-active',
      name: 'Billing reminders',
      prefix: 'k3x9q2m7ab',
      createdAt: '2026-11-01T10:00:00.000Z',
      lastUsedAt: '2026-11-20T09:30:00.000Z',
      revokedAt: null,
    },
    {
      __typename: 'ApiKey',
      id: 'key-unused',
      name: 'Staging',
      prefix: 'p0w8e7r6ty',
      createdAt: '2026-10-15T10:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
    },
    {
      __typename: 'ApiKey',
      id: 'key-revoked',
      name: 'Old CRM',
      prefix: 'z1x2c3v4bn',
      createdAt: '2026-09-01T10:00:00.000Z',
      lastUsedAt: '2026-09-30T12:00:00.000Z',
      revokedAt: '2026-10-01T08:00:00.000Z',
    },
  ],
})
