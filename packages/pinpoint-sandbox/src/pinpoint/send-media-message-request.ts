import { apiErrors, type ValidationField } from './api-errors.ts'

/** SendMediaMessage input as it arrives on the wire, after type checks. */
export interface SendMediaMessageRequest {
  DestinationPhoneNumber: string
  OriginationIdentity: string
  MessageBody?: string
  MediaUrls?: string[]
  ConfigurationSetName?: string
  MaxPrice?: string
  TimeToLive?: number
  Context?: Record<string, string>
  DryRun?: boolean
  ProtectConfigurationId?: string
  MessageFeedbackEnabled?: boolean
}

/** Constraints from the SendMediaMessage API reference (patterns as the reference writes them). */
export const LIMITS = {
  destinationPhoneNumber: { min: 1, max: 20, pattern: '\\+?[1-9][0-9]{1,18}' },
  originationIdentity: { min: 1, max: 256, pattern: '[A-Za-z0-9_:/\\+-]+' },
  messageBody: { min: 1, max: 1600 },
  mediaUrls: {
    minItems: 1,
    maxItems: 1,
    min: 1,
    max: 2048,
    pattern: 's3://([a-z0-9\\.-]{3,63})/(.+)',
  },
  configurationSetName: { min: 1, max: 256, pattern: '[A-Za-z0-9_:/-]+' },
  maxPrice: { min: 2, max: 8, pattern: '[0-9]{0,2}\\.[0-9]{1,5}' },
  timeToLive: { min: 5, max: 259200 },
  context: {
    maxEntries: 5,
    keyMin: 1,
    keyMax: 100,
    valueMin: 1,
    valueMax: 800,
  },
  protectConfigurationId: { min: 1, max: 256, pattern: '[A-Za-z0-9_:/-]+' },
} as const

type JsonType =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'list<string>'
  | 'map<string,string>'

const MEMBER_TYPES: Record<keyof SendMediaMessageRequest, JsonType> = {
  DestinationPhoneNumber: 'string',
  OriginationIdentity: 'string',
  MessageBody: 'string',
  MediaUrls: 'list<string>',
  ConfigurationSetName: 'string',
  MaxPrice: 'string',
  TimeToLive: 'integer',
  Context: 'map<string,string>',
  DryRun: 'boolean',
  ProtectConfigurationId: 'string',
  MessageFeedbackEnabled: 'boolean',
}

function hasType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string'
    case 'integer':
      return Number.isInteger(value)
    case 'boolean':
      return typeof value === 'boolean'
    case 'list<string>':
      return (
        Array.isArray(value) && value.every((item) => typeof item === 'string')
      )
    case 'map<string,string>':
      return (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.values(value).every((item) => typeof item === 'string')
      )
  }
}

// The service's patterns are Java regular expressions, whose \s is ASCII whitespace only.
const BLANK = /^[ \t\n\v\f\r]*$/
const HAS_WHITESPACE = /[ \t\n\v\f\r]/
const EDGE_WHITESPACE = /^[ \t\n\v\f\r]|[ \t\n\v\f\r]$/

/** Smithy string lengths count Unicode code points, not UTF-16 units. */
function length(text: string): number {
  return Array.from(text).length
}

/** AWS names members in validation messages in lower camel case. */
function memberPath(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1)
}

export class ViolationCollector {
  readonly fields: ValidationField[] = []
  readonly descriptions: string[] = []

  add(name: string, constraint: string, path = memberPath(name)): void {
    this.fields.push({ Name: name, Message: constraint })
    this.descriptions.push(
      `Value at '${path}' failed to satisfy constraint: ${constraint}`
    )
  }

  string(
    name: string,
    value: string | undefined,
    limits: { min: number; max: number; pattern?: string }
  ): void {
    if (value === undefined) return
    const n = length(value)
    if (n < limits.min)
      this.add(
        name,
        `Member must have length greater than or equal to ${limits.min}`
      )
    else if (n > limits.max)
      this.add(
        name,
        `Member must have length less than or equal to ${limits.max}`
      )
    else if (limits.pattern && !fullMatch(limits.pattern, value)) {
      this.add(
        name,
        `Member must satisfy regular expression pattern: ${limits.pattern}`
      )
    }
  }

  /** ValidationException FIELD_VALIDATION_FAILED naming every violation, if there is one. */
  throwIfAny(): void {
    if (!this.fields.length) return
    const count = this.fields.length
    throw apiErrors.validation(
      'FIELD_VALIDATION_FAILED',
      `${count} validation error${count === 1 ? '' : 's'} detected: ${this.descriptions.join('; ')}`,
      this.fields
    )
  }
}

function fullMatch(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`, 'u').test(value)
}

/** Type checks (SerializationException) and every model constraint (ValidationException). */
export function parseSendMediaMessageRequest(
  input: unknown
): SendMediaMessageRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw apiErrors.serialization(
      'Start of structure or map found where not expected.'
    )
  }
  const raw = input as Record<string, unknown>
  for (const [member, type] of Object.entries(MEMBER_TYPES)) {
    const value = raw[member]
    if (value !== undefined && value !== null && !hasType(value, type)) {
      throw apiErrors.serialization(
        `Value of member '${member}' must be of type ${type}.`
      )
    }
  }
  const request = Object.fromEntries(
    Object.keys(MEMBER_TYPES)
      .filter((member) => raw[member] !== undefined && raw[member] !== null)
      .map((member) => [member, raw[member]])
  ) as unknown as SendMediaMessageRequest

  const violations = new ViolationCollector()
  if (request.DestinationPhoneNumber === undefined)
    violations.add('DestinationPhoneNumber', 'Member must not be null')
  violations.string(
    'DestinationPhoneNumber',
    request.DestinationPhoneNumber,
    LIMITS.destinationPhoneNumber
  )
  if (request.OriginationIdentity === undefined)
    violations.add('OriginationIdentity', 'Member must not be null')
  violations.string(
    'OriginationIdentity',
    request.OriginationIdentity,
    LIMITS.originationIdentity
  )

  violations.string('MessageBody', request.MessageBody, LIMITS.messageBody)
  if (
    request.MessageBody !== undefined &&
    length(request.MessageBody) >= 1 &&
    BLANK.test(request.MessageBody)
  ) {
    violations.add('MessageBody', 'Member must not be blank (whitespace only)')
  }

  if (request.MediaUrls !== undefined) {
    const { minItems, maxItems } = LIMITS.mediaUrls
    if (request.MediaUrls.length < minItems) {
      violations.add(
        'MediaUrls',
        `Member must have length greater than or equal to ${minItems}`
      )
    } else if (request.MediaUrls.length > maxItems) {
      violations.add(
        'MediaUrls',
        `Member must have length less than or equal to ${maxItems}`
      )
    }
    request.MediaUrls.forEach((url, index) => {
      const before = violations.fields.length
      violations.string('MediaUrls', url, LIMITS.mediaUrls)
      // Point the message at the list element, as AWS does ('mediaUrls.1.member').
      if (violations.fields.length > before) {
        const constraint = violations.fields.pop()!.Message
        violations.descriptions.pop()
        violations.add('MediaUrls', constraint, `mediaUrls.${index + 1}.member`)
      }
    })
  }

  violations.string(
    'ConfigurationSetName',
    request.ConfigurationSetName,
    LIMITS.configurationSetName
  )
  violations.string('MaxPrice', request.MaxPrice, LIMITS.maxPrice)
  if (request.TimeToLive !== undefined) {
    const { min, max } = LIMITS.timeToLive
    if (request.TimeToLive < min)
      violations.add(
        'TimeToLive',
        `Member must have value greater than or equal to ${min}`
      )
    else if (request.TimeToLive > max)
      violations.add(
        'TimeToLive',
        `Member must have value less than or equal to ${max}`
      )
  }
  if (request.Context !== undefined)
    validateContext(request.Context, violations)
  violations.string(
    'ProtectConfigurationId',
    request.ProtectConfigurationId,
    LIMITS.protectConfigurationId
  )

  violations.throwIfAny()

  if (request.MessageBody === undefined && request.MediaUrls === undefined) {
    throw apiErrors.validation(
      'MISSING_PARAMETER',
      'Either MessageBody or MediaUrls must be specified.',
      [
        {
          Name: 'MessageBody',
          Message: 'MessageBody or MediaUrls is required',
        },
        { Name: 'MediaUrls', Message: 'MessageBody or MediaUrls is required' },
      ]
    )
  }
  return request
}

function validateContext(
  context: Record<string, string>,
  violations: ViolationCollector
): void {
  const limits = LIMITS.context
  const entries = Object.entries(context)
  if (entries.length > limits.maxEntries) {
    violations.add(
      'Context',
      `Member must have length less than or equal to ${limits.maxEntries}`
    )
  }
  for (const [key, value] of entries) {
    const keyLength = length(key)
    if (keyLength < limits.keyMin || keyLength > limits.keyMax) {
      violations.add(
        'Context',
        `Map keys must satisfy constraint: [Member must have length between ${limits.keyMin} and ${limits.keyMax}]`
      )
    } else if (HAS_WHITESPACE.test(key)) {
      violations.add(
        'Context',
        'Map keys must satisfy constraint: [Member must not contain whitespace]'
      )
    }
    const valueLength = length(value)
    if (valueLength < limits.valueMin || valueLength > limits.valueMax) {
      violations.add(
        'Context',
        `Map value at key '${key}' must satisfy constraint: [Member must have length between ${limits.valueMin} and ${limits.valueMax}]`
      )
    } else if (EDGE_WHITESPACE.test(value)) {
      violations.add(
        'Context',
        `Map value at key '${key}' must satisfy constraint: [Member must not start or end with whitespace]`
      )
    }
  }
}
