import type {
  InvitationRelationResolvers,
  MutationinviteMemberArgs,
  MutationrevokeInvitationArgs,
} from 'types/graphql'

import { sendInvitationEmail } from 'src/lib/accountMail'
import { isEmailAddress, normaliseEmail } from 'src/lib/accounts/email'
import { issueInvitation } from 'src/lib/accounts/invitations'
import { isRole } from 'src/lib/accounts/roles'
import { invitationsRefusal } from 'src/lib/accounts/signupPolicy'
import { sessionUserOf } from 'src/lib/auth'
import { db } from 'src/lib/db'
import { fieldError } from 'src/lib/fieldValidationError'
import { logger } from 'src/lib/logger'

export const openInvitations = () => {
  sessionUserOf(context)
  return db.invitation.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
  })
}

export const inviteMember = async ({
  email,
  role,
}: MutationinviteMemberArgs) => {
  const caller = sessionUserOf(context)
  const refusal = invitationsRefusal()
  if (refusal) {
    throw fieldError('email', refusal)
  }
  const address = normaliseEmail(email)
  if (!isEmailAddress(address)) {
    throw fieldError('email', 'Enter an email address like name@example.com.')
  }
  const invitedRole = role ?? 'MEMBER'
  if (!isRole(invitedRole)) {
    throw fieldError('role', 'Choose ADMIN or MEMBER.')
  }
  if (
    await db.user.findUnique({
      where: { email: address },
      select: { id: true },
    })
  ) {
    throw fieldError('email', `${address} already has an account.`)
  }
  const { invitation, url } = await issueInvitation({
    email: address,
    role: invitedRole,
    invitedById: caller.id,
  })
  let emailSent = true
  try {
    await sendInvitationEmail({
      to: address,
      inviteUrl: url,
      invitedBy: caller.email,
      expiresAt: invitation.expiresAt,
    })
  } catch (err) {
    emailSent = false
    logger.error(
      { err, invitationId: invitation.id },
      'Could not send the invitation email'
    )
  }
  logger.info(
    { invitationId: invitation.id, by: caller.id, role: invitedRole },
    'Invitation issued'
  )
  return { invitation, inviteUrl: url, emailSent }
}

export const revokeInvitation = async ({
  id,
}: MutationrevokeInvitationArgs) => {
  sessionUserOf(context)
  const revoked = await db.invitation.updateMany({
    where: { id, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  })
  if (revoked.count !== 1) {
    throw fieldError('id', 'This invitation was already used or revoked.')
  }
  return db.invitation.findUniqueOrThrow({ where: { id } })
}

export const Invitation: InvitationRelationResolvers = {
  invitedBy: async (_args, { root }) => {
    const invitedById = (root as { invitedById?: number | null }).invitedById
    if (!invitedById) return null
    const user = await db.user.findUnique({
      where: { id: invitedById },
      select: { email: true },
    })
    return user?.email ?? null
  },
}
