import type { Role } from 'types/graphql'

import { AUTH_UNREACHABLE } from './authRequest'

export interface InvitationDetails {
  email: string
  role: Role
  expiresAt: string
}

export type InvitationCheck =
  | { invitation: InvitationDetails }
  /** `retry` when asking again may help (no answer, or a server fault). */
  | { error: string; retry: boolean }

/**
 * Asks the auth endpoint whether an invitation link can still be used. dbAuth's
 * web client has no call for this method, so it is posted the way the client
 * posts its own (`signUp` then accepts the same token).
 */
export const checkInvitation = async (
  invitationToken: string
): Promise<InvitationCheck> => {
  let response: Response
  try {
    response = await fetch(`${globalThis.RWJS_API_URL}/auth`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'validateInvitation', invitationToken }),
    })
  } catch {
    return { error: AUTH_UNREACHABLE, retry: true }
  }
  const body = (await response.json().catch(() => null)) as
    | (Partial<InvitationDetails> & { error?: string })
    | null
  if (response.ok && body?.email && body.role && body.expiresAt) {
    return {
      invitation: {
        email: body.email,
        role: body.role,
        expiresAt: body.expiresAt,
      },
    }
  }
  if (typeof body?.error === 'string' && response.status < 500) {
    return { error: body.error, retry: false }
  }
  return {
    error: 'The invitation could not be checked. Try again in a moment.',
    retry: true,
  }
}
