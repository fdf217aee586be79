import type { SendForm_SendMms } from 'types/graphql'

export type SentMessage = NonNullable<SendForm_SendMms['sendMms']>

/** sendMms's answer, as SendForm asks for it; SENT unless overridden. */
export const sentMessage = (
  overrides: Partial<SentMessage> = {}
): SentMessage => ({
  __typename: 'MmsMessage',
  id: 'cm3message0001',
  status: 'SENT',
  destinationPhoneNumber: '+14254147755',
  dryRun: false,
  errorCode: null,
  errorMessage: null,
  createdAt: '2026-11-22T10:00:00.000Z',
  ...overrides,
})
