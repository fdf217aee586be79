import { checkApiKeyName } from '@mms/rules'
import type { MutationResolvers, QueryResolvers } from 'types/graphql'

import { ForbiddenError } from '@redwoodjs/graphql-server'

import { issueApiKey } from 'src/lib/apiKeys'
import { currentUserOf, type CurrentUser } from 'src/lib/auth'
import { db } from 'src/lib/db'
import { fieldError } from 'src/lib/fieldValidationError'
import { logger } from 'src/lib/logger'

// A leaked key must not be able to mint or revoke keys.
const signedInPerson = (): CurrentUser => {
  const caller = currentUserOf(context)
  if (caller.apiKeyId) {
    throw new ForbiddenError(
      'API keys are managed by a signed-in person, not with an API key.'
    )
  }
  return caller
}

export const apiKeys: QueryResolvers['apiKeys'] = () =>
  db.apiKey.findMany({
    where: { userId: currentUserOf(context).id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  })

export const createApiKey: MutationResolvers['createApiKey'] = async ({
  name,
}) => {
  const caller = signedInPerson()
  const checked = checkApiKeyName(name)
  if ('message' in checked) {
    throw fieldError('name', checked.message)
  }
  const created = await issueApiKey(db, caller.id, name)
  logger.info(
    { apiKeyId: created.apiKey.id, userId: caller.id },
    'API key created'
  )
  return created
}

export const revokeApiKey: MutationResolvers['revokeApiKey'] = async ({
  id,
}) => {
  const caller = signedInPerson()
  const apiKey = await db.apiKey.findFirst({ where: { id, userId: caller.id } })
  if (!apiKey) {
    throw fieldError('id', 'No such API key.')
  }
  if (apiKey.revokedAt) {
    return apiKey
  }
  const revoked = await db.apiKey.update({
    where: { id },
    data: { revokedAt: new Date() },
  })
  logger.info({ apiKeyId: id, userId: caller.id }, 'API key revoked')
  return revoked
}
