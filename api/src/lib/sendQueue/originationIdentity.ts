import { createHash } from 'node:crypto'

/**
 * The identity a destination is sent from: always the same one for the same
 * destination while the list is unchanged, so a recipient sees one sender and
 * the identities' rates add up over many recipients.
 */
export const originationIdentityFor = (
  identities: readonly string[],
  destinationPhoneNumber: string
): string => {
  if (identities.length === 0) {
    throw new Error('No origination identity is configured')
  }
  if (identities.length === 1) {
    return identities[0]
  }
  const digest = createHash('sha256').update(destinationPhoneNumber).digest()
  return identities[digest.readUInt32BE(0) % identities.length]
}
