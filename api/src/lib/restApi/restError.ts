import type { SendRefusalCode } from 'src/lib/mmsErrors'

/**
 * Every `code` a REST error answer can carry besides a message's own
 * errorCode (502), with its HTTP status: the one list the handlers, the
 * error mapping and the OpenAPI document read.
 */
export const REST_ERROR_STATUS = {
  BAD_USER_INPUT: 400,
  INVALID_JSON: 400,
  UNSUPPORTED_CONTENT_TYPE: 400,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  IDEMPOTENCY_KEY_REUSED: 409,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  MEDIA_CHECK_UNAVAILABLE: 503,
} as const satisfies Record<string, number> & Record<SendRefusalCode, number>

export type RestErrorCode = keyof typeof REST_ERROR_STATUS

/** The codes answered with `status`. */
export const restErrorCodesWith = (status: number): RestErrorCode[] =>
  (Object.keys(REST_ERROR_STATUS) as RestErrorCode[]).filter(
    (code) => REST_ERROR_STATUS[code] === status
  )

/** A refusal that is answered as it is: `{ success: false, code, message, ...details }`. */
export class RestError extends Error {
  readonly status: number

  constructor(
    readonly code: RestErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
    this.name = 'RestError'
    this.status = REST_ERROR_STATUS[code]
  }

  get body() {
    return {
      success: false as const,
      code: this.code,
      message: this.message,
      ...this.details,
    }
  }
}
