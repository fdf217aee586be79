/** Destination that always succeeds, like AWS's US success simulator number. */
export const SIMULATOR_SUCCESS_NUMBER = '+14254147755'
/** Destination whose send is accepted but then fails, like AWS's US failure simulator number. */
export const SIMULATOR_FAILURE_NUMBER = '+14254147167'
/** Destination answered with ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT (sandbox only). */
export const SIMULATOR_OPTED_OUT_NUMBER = '+14254147000'

export const DEFAULT_ORIGINATION_IDENTITY = '+18445550100'
export const DEFAULT_CONFIGURATION_SET = 'mms-events'

/** DestinationPhoneNumber allows the leading + to be left out. */
export function toE164(phoneNumber: string): string {
  return phoneNumber.startsWith('+') ? phoneNumber : `+${phoneNumber}`
}
