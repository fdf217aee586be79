import { SEND_LIMIT_ERROR_CODES } from '@mms/rules'

import { MMS_ERRORS, SEND_REFUSALS } from './mmsErrors'

describe('error codes', () => {
  it('give each name one meaning: no code is both recorded on a message and a refusal', () => {
    const recorded = Object.keys(MMS_ERRORS)
    expect(
      Object.keys(SEND_REFUSALS).filter((c) => recorded.includes(c))
    ).toEqual([])
  })

  it('keep AWS’s own quota apart from ours', () => {
    expect(MMS_ERRORS.PROVIDER_QUOTA_EXCEEDED).toMatch(/AWS account quota/)
    expect(SEND_REFUSALS.QUOTA_EXCEEDED).toMatch(/daily sending quota/)
  })

  it('describe every sending-limit code the web side knows', () => {
    for (const code of SEND_LIMIT_ERROR_CODES) {
      expect(SEND_REFUSALS[code]).toMatch(/Nothing was recorded or sent/)
    }
  })
})
