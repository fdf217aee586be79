/** An error answered in AWS JSON 1.0 form: `__type`, `x-amzn-ErrorType` and the modeled members. */
export class AwsApiError extends Error {
  constructor(
    /** Short name, e.g. ValidationException. */
    readonly errorType: string,
    /** Shape namespace used in `__type`. */
    readonly namespace: string,
    readonly httpStatus: number,
    message: string,
    /** Modeled members besides the message, e.g. Reason, Fields. */
    readonly members: Record<string, unknown> = {},
    /** Coral's framework errors use `message`; the service's modeled errors use `Message`. */
    readonly messageKey: 'Message' | 'message' = 'Message'
  ) {
    super(message)
    this.name = errorType
  }

  toJSON(): Record<string, unknown> {
    return {
      __type: `${this.namespace}#${this.errorType}`,
      [this.messageKey]: this.message,
      ...this.members,
    }
  }
}

const SERVICE = 'com.amazonaws.pinpointsmsvoicev2'
const CORAL = 'com.amazon.coral.service'

export interface ValidationField {
  Name: string
  Message: string
}

/** Errors modeled by PinpointSMSVoiceV2 that the fault injector can produce on demand. */
export const INJECTABLE_ERRORS = [
  'InternalServerException',
  'ThrottlingException',
  'ServiceQuotaExceededException',
  'AccessDeniedException',
] as const
export type InjectableError = (typeof INJECTABLE_ERRORS)[number]

export const apiErrors = {
  validation: (
    reason: string,
    message: string,
    fields: ValidationField[] = []
  ) =>
    new AwsApiError('ValidationException', SERVICE, 400, message, {
      Reason: reason,
      ...(fields.length ? { Fields: fields } : {}),
    }),
  conflict: (
    reason: string,
    resourceType: string,
    resourceId: string,
    message: string
  ) =>
    new AwsApiError('ConflictException', SERVICE, 400, message, {
      Reason: reason,
      ResourceType: resourceType,
      ResourceId: resourceId,
    }),
  resourceNotFound: (
    resourceType: string,
    resourceId: string,
    message: string
  ) =>
    new AwsApiError('ResourceNotFoundException', SERVICE, 400, message, {
      ResourceType: resourceType,
      ResourceId: resourceId,
    }),
  serviceQuotaExceeded: (reason: string, message: string) =>
    new AwsApiError('ServiceQuotaExceededException', SERVICE, 400, message, {
      Reason: reason,
    }),
  accessDenied: (reason: string, message: string) =>
    new AwsApiError('AccessDeniedException', SERVICE, 400, message, {
      Reason: reason,
    }),
  throttling: (message = 'Rate exceeded') =>
    new AwsApiError('ThrottlingException', SERVICE, 400, message),
  internal: (
    requestId: string,
    message = 'An internal error occurred. Please try again.'
  ) =>
    new AwsApiError('InternalServerException', SERVICE, 500, message, {
      RequestId: requestId,
    }),

  unknownOperation: (message: string) =>
    new AwsApiError(
      'UnknownOperationException',
      CORAL,
      400,
      message,
      {},
      'message'
    ),
  serialization: (message: string) =>
    new AwsApiError(
      'SerializationException',
      CORAL,
      400,
      message,
      {},
      'message'
    ),
  missingAuthenticationToken: () =>
    new AwsApiError(
      'MissingAuthenticationTokenException',
      CORAL,
      400,
      'Missing Authentication Token',
      {},
      'message'
    ),
  incompleteSignature: (message: string) =>
    new AwsApiError(
      'IncompleteSignatureException',
      CORAL,
      400,
      message,
      {},
      'message'
    ),
  invalidSignature: (message: string) =>
    new AwsApiError(
      'InvalidSignatureException',
      CORAL,
      400,
      message,
      {},
      'message'
    ),
}

export function injectedError(
  name: InjectableError,
  requestId: string
): AwsApiError {
  switch (name) {
    case 'InternalServerException':
      return apiErrors.internal(requestId)
    case 'ThrottlingException':
      return apiErrors.throttling()
    case 'ServiceQuotaExceededException':
      return apiErrors.serviceQuotaExceeded(
        'MONTHLY_SPEND_LIMIT_REACHED_FOR_MEDIA',
        'The monthly spend limit for media messages has been reached.'
      )
    case 'AccessDeniedException':
      return apiErrors.accessDenied(
        'ACCOUNT_DISABLED',
        'The account is disabled.'
      )
  }
}
