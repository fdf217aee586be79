import type { MembersCell_List } from 'types/graphql'

type Member = MembersCell_List['members'][number]

const member = (
  fields: Partial<Member> & Pick<Member, 'id' | 'email'>
): Member => ({
  __typename: 'Member',
  role: 'MEMBER',
  disabledAt: null,
  createdAt: '2026-10-01T09:00:00.000Z',
  sendRatePerMinute: 20,
  dailySendQuota: 500,
  sendRatePerMinuteOverride: null,
  dailySendQuotaOverride: null,
  sentToday: 0,
  ...fields,
})

/** The signed-in admin (id 1), a member with limits of their own, a disabled member. */
export const standard = (): MembersCell_List => ({
  members: [
    member({
      id: 1,
      email: 'ada@example.com',
      role: 'ADMIN',
      createdAt: '2026-09-01T09:00:00.000Z',
      sentToday: 12,
    }),
    member({
      id: 2,
      email: 'grace@example.com',
      sendRatePerMinute: 5,
      sendRatePerMinuteOverride: 5,
      dailySendQuota: 50,
      dailySendQuotaOverride: 50,
      sentToday: 49,
    }),
    member({
      id: 3,
      email: 'linus@example.com',
      disabledAt: '2026-11-20T08:30:00.000Z',
    }),
  ],
})
