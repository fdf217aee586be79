import type { Invitation } from '@prisma/client'

import { db } from 'src/lib/db'

import { accountsConfig } from './accountsConfig'
import type { Role } from './roles'
import { SECRET_TOKEN_PATTERN, hashSecretToken, newSecretToken } from './tokens'

export const invitationUrl = (token: string) =>
  `${accountsConfig().webUrl}/accept-invitation?invitationToken=${token}`

/** A new invitation replaces any still-open one for the same address. */
export const issueInvitation = async ({
  email,
  role,
  invitedById,
  now = new Date(),
}: {
  email: string
  role: Role
  invitedById: number | null
  now?: Date
}) => {
  const token = newSecretToken()
  const invitation = await db.$transaction(async (tx) => {
    await tx.invitation.updateMany({
      where: { email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    })
    return tx.invitation.create({
      data: {
        email,
        role,
        invitedById,
        tokenHash: hashSecretToken(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + accountsConfig().invitationTtlMs),
      },
    })
  })
  return { invitation, token, url: invitationUrl(token) }
}

/** The invitation a link carries, if it can still be used. */
export const findOpenInvitation = async (
  token: unknown,
  now = new Date()
): Promise<Invitation | null> => {
  if (typeof token !== 'string' || !SECRET_TOKEN_PATTERN.test(token)) {
    return null
  }
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashSecretToken(token) },
  })
  if (
    !invitation ||
    invitation.acceptedAt ||
    invitation.revokedAt ||
    invitation.expiresAt <= now
  ) {
    return null
  }
  return invitation
}

export const INVITATION_UNUSABLE =
  'This invitation link is not valid, has expired or was already used. Ask for a new one.'
