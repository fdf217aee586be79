import type { Role } from 'types/graphql'

/** What each role of the SDL's `Role` enum is called on screen. */
export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Admin',
  MEMBER: 'Member',
}

/** What each role may do, for the invitation form and the invitation page. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  ADMIN: 'sends messages, and manages members, their limits and invitations.',
  MEMBER: 'sends messages and sees their own history.',
}

export const ROLES = Object.keys(ROLE_LABELS) as Role[]
