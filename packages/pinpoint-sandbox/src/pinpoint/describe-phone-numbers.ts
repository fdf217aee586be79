import { apiErrors } from './api-errors.ts'
import type {
  OriginationIdentities,
  OriginationIdentity,
  PhoneNumberResource,
} from './origination-identities.ts'
import { ViolationCollector } from './send-media-message-request.ts'

/** Constraints of DescribePhoneNumbersRequest in the service model. */
export const DESCRIBE_PHONE_NUMBERS_LIMITS = {
  // The model's pattern is [A-Za-z0-9_:/-]+ (an id or ARN); the sandbox also takes the number itself.
  phoneNumberIds: {
    maxItems: 5,
    min: 1,
    max: 256,
    pattern: '\\+?[A-Za-z0-9_:/-]+',
  },
  filters: { maxItems: 20 },
  filterValues: {
    minItems: 1,
    maxItems: 20,
    min: 1,
    max: 100,
    pattern: '[/\\.:A-Za-z0-9_-]+',
  },
  nextToken: { min: 1, max: 1024 },
  maxResults: { min: 1, max: 100 },
} as const

const FILTER_NAMES = [
  'status',
  'iso-country-code',
  'message-type',
  'number-capability',
  'number-type',
  'two-way-enabled',
  'self-managed-opt-outs-enabled',
  'opt-out-list-name',
  'deletion-protection-enabled',
  'two-way-channel-arn',
] as const
type FilterName = (typeof FILTER_NAMES)[number]

const OWNERS = ['SELF', 'SHARED']

interface PhoneNumberFilter {
  Name: FilterName
  Values: string[]
}

export interface DescribePhoneNumbersRequest {
  PhoneNumberIds?: string[]
  Filters?: PhoneNumberFilter[]
  NextToken?: string
  MaxResults?: number
  Owner?: string
}

/** PhoneNumberInformation as the service model defines it. */
export interface PhoneNumberInformation {
  PhoneNumberArn: string
  PhoneNumberId: string
  PhoneNumber: string
  Status: 'ACTIVE'
  IsoCountryCode: string
  MessageType: 'TRANSACTIONAL'
  NumberCapabilities: string[]
  NumberType: string
  MonthlyLeasingPrice: string
  TwoWayEnabled: boolean
  SelfManagedOptOutsEnabled: boolean
  OptOutListName: string
  InternationalSendingEnabled: boolean
  DeletionProtectionEnabled: boolean
  /** Absent when the sandbox sets no limit (messages per second 0). */
  MessagingLimits?: { RateLimits: Record<string, number> }
  /** Epoch seconds, as AWS JSON 1.0 encodes timestamps. */
  CreatedTimestamp: number
}

const MONTHLY_LEASING_PRICES: Record<string, string> = {
  TOLL_FREE: '2.00',
  TEN_DLC: '2.00',
  LONG_CODE: '1.00',
  SHORT_CODE: '995.00',
  SIMULATOR: '0.00',
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function memberTypeError(member: string, type: string): never {
  throw apiErrors.serialization(
    `Value of member '${member}' must be of type ${type}.`
  )
}

/** Type checks (SerializationException) and every model constraint (ValidationException). */
export function parseDescribePhoneNumbersRequest(
  input: unknown
): DescribePhoneNumbersRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw apiErrors.serialization(
      'Start of structure or map found where not expected.'
    )
  }
  const raw = input as Record<string, unknown>
  const present = (member: string) =>
    raw[member] !== undefined && raw[member] !== null
  const request: DescribePhoneNumbersRequest = {}
  if (present('PhoneNumberIds')) {
    if (!isStringList(raw.PhoneNumberIds))
      memberTypeError('PhoneNumberIds', 'list<string>')
    request.PhoneNumberIds = raw.PhoneNumberIds
  }
  if (present('Filters')) {
    const filters = raw.Filters
    if (
      !Array.isArray(filters) ||
      !filters.every(
        (filter: unknown) =>
          typeof filter === 'object' &&
          filter !== null &&
          typeof (filter as PhoneNumberFilter).Name === 'string' &&
          isStringList((filter as PhoneNumberFilter).Values)
      )
    ) {
      memberTypeError('Filters', 'list<PhoneNumberFilter>')
    }
    request.Filters = filters as PhoneNumberFilter[]
  }
  for (const member of ['NextToken', 'Owner'] as const) {
    if (!present(member)) continue
    if (typeof raw[member] !== 'string') memberTypeError(member, 'string')
    request[member] = raw[member]
  }
  if (present('MaxResults')) {
    if (!Number.isInteger(raw.MaxResults))
      memberTypeError('MaxResults', 'integer')
    request.MaxResults = raw.MaxResults as number
  }

  const limits = DESCRIBE_PHONE_NUMBERS_LIMITS
  const violations = new ViolationCollector()
  if (request.PhoneNumberIds) {
    if (request.PhoneNumberIds.length > limits.phoneNumberIds.maxItems) {
      violations.add(
        'PhoneNumberIds',
        `Member must have length less than or equal to ${limits.phoneNumberIds.maxItems}`
      )
    }
    request.PhoneNumberIds.forEach((id, index) => {
      const before = violations.fields.length
      violations.string('PhoneNumberIds', id, limits.phoneNumberIds)
      if (violations.fields.length > before) {
        const constraint = violations.fields.pop()!.Message
        violations.descriptions.pop()
        violations.add(
          'PhoneNumberIds',
          constraint,
          `phoneNumberIds.${index + 1}.member`
        )
      }
    })
  }
  if (request.Filters) {
    if (request.Filters.length > limits.filters.maxItems) {
      violations.add(
        'Filters',
        `Member must have length less than or equal to ${limits.filters.maxItems}`
      )
    }
    request.Filters.forEach((filter, index) => {
      const path = `filters.${index + 1}.member`
      if (!(FILTER_NAMES as readonly string[]).includes(filter.Name)) {
        violations.add(
          'Filters',
          `Member must satisfy enum value set: [${FILTER_NAMES.join(', ')}]`,
          `${path}.name`
        )
      }
      const { minItems, maxItems } = limits.filterValues
      if (filter.Values.length < minItems || filter.Values.length > maxItems) {
        violations.add(
          'Filters',
          `Member must have length between ${minItems} and ${maxItems}`,
          `${path}.values`
        )
      }
      for (const value of filter.Values) {
        const before = violations.fields.length
        violations.string('Filters', value, limits.filterValues)
        if (violations.fields.length > before) {
          const constraint = violations.fields.pop()!.Message
          violations.descriptions.pop()
          violations.add('Filters', constraint, `${path}.values.member`)
        }
      }
    })
  }
  violations.string('NextToken', request.NextToken, limits.nextToken)
  if (request.MaxResults !== undefined) {
    const { min, max } = limits.maxResults
    if (request.MaxResults < min)
      violations.add(
        'MaxResults',
        `Member must have value greater than or equal to ${min}`
      )
    else if (request.MaxResults > max)
      violations.add(
        'MaxResults',
        `Member must have value less than or equal to ${max}`
      )
  }
  if (request.Owner !== undefined && !OWNERS.includes(request.Owner)) {
    violations.add(
      'Owner',
      `Member must satisfy enum value set: [${OWNERS.join(', ')}]`
    )
  }
  violations.throwIfAny()

  if (request.Owner !== undefined && request.PhoneNumberIds !== undefined) {
    throw apiErrors.validation(
      'PARAMETERS_CANNOT_BE_USED_TOGETHER',
      'The Owner and PhoneNumberIds parameters cannot be used together.',
      [
        { Name: 'Owner', Message: 'Cannot be used with PhoneNumberIds' },
        { Name: 'PhoneNumberIds', Message: 'Cannot be used with Owner' },
      ]
    )
  }
  return request
}

/** The answer for one phone number; its MMS rate is the one the rate limiter enforces. */
export function phoneNumberInformation(
  phoneNumber: PhoneNumberResource,
  messagesPerSecond: number
): PhoneNumberInformation {
  return {
    PhoneNumberArn: phoneNumber.phoneNumberArn,
    PhoneNumberId: phoneNumber.phoneNumberId,
    PhoneNumber: phoneNumber.phoneNumber,
    Status: 'ACTIVE',
    IsoCountryCode: phoneNumber.isoCountryCode,
    MessageType: 'TRANSACTIONAL',
    NumberCapabilities: ['SMS', 'VOICE', 'MMS'],
    NumberType: phoneNumber.numberType,
    MonthlyLeasingPrice: MONTHLY_LEASING_PRICES[phoneNumber.numberType]!,
    TwoWayEnabled: false,
    SelfManagedOptOutsEnabled: false,
    OptOutListName: 'Default',
    InternationalSendingEnabled: false,
    DeletionProtectionEnabled: false,
    ...(messagesPerSecond > 0
      ? { MessagingLimits: { RateLimits: { MMS: messagesPerSecond } } }
      : {}),
    CreatedTimestamp: Math.floor(phoneNumber.createdAt.getTime() / 1000),
  }
}

function filterValuesOf(
  info: PhoneNumberInformation,
  name: FilterName
): string[] {
  switch (name) {
    case 'status':
      return [info.Status]
    case 'iso-country-code':
      return [info.IsoCountryCode]
    case 'message-type':
      return [info.MessageType]
    case 'number-capability':
      return info.NumberCapabilities
    case 'number-type':
      return [info.NumberType]
    case 'two-way-enabled':
      return [String(info.TwoWayEnabled)]
    case 'self-managed-opt-outs-enabled':
      return [String(info.SelfManagedOptOutsEnabled)]
    case 'opt-out-list-name':
      return [info.OptOutListName]
    case 'deletion-protection-enabled':
      return [String(info.DeletionProtectionEnabled)]
    case 'two-way-channel-arn':
      return []
  }
}

// The token only has to survive a round trip through the client: an offset, opaque to the caller.
function encodeNextToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url')
}

function decodeNextToken(token: string): number | undefined {
  const match = /^offset:([0-9]{1,9})$/.exec(
    Buffer.from(token, 'base64url').toString('utf8')
  )
  return match ? Number(match[1]) : undefined
}

/** Business rules of DescribePhoneNumbers: lookup by id, ARN or number, filters, pages. */
export function describePhoneNumbers(
  request: DescribePhoneNumbersRequest,
  identities: OriginationIdentities
): { PhoneNumbers: PhoneNumberInformation[]; NextToken?: string } {
  let selected: OriginationIdentity[]
  if (request.PhoneNumberIds) {
    selected = request.PhoneNumberIds.map((id) => {
      const identity = identities.resolve(id)
      if (!identity?.phoneNumber) {
        // The id may be a phone number: it goes in ResourceId, never into the logged message.
        throw apiErrors.resourceNotFound(
          'phone-number',
          id,
          'Resource not found: the phone number does not exist in this account and Region.'
        )
      }
      return identity
    })
  } else if (request.Owner === 'SHARED') {
    selected = []
  } else {
    selected = identities.list().filter((identity) => identity.phoneNumber)
  }

  const matching = selected
    .map((identity) =>
      phoneNumberInformation(identity.phoneNumber!, identity.messagesPerSecond)
    )
    .filter((info) =>
      (request.Filters ?? []).every((filter) =>
        filterValuesOf(info, filter.Name).some((value) =>
          filter.Values.includes(value)
        )
      )
    )

  const offset =
    request.NextToken === undefined ? 0 : decodeNextToken(request.NextToken)
  if (offset === undefined || offset > matching.length) {
    throw apiErrors.validation(
      'INVALID_NEXT_TOKEN',
      'The specified NextToken is not valid.',
      [{ Name: 'NextToken', Message: 'Invalid token' }]
    )
  }
  const pageSize =
    request.MaxResults ?? DESCRIBE_PHONE_NUMBERS_LIMITS.maxResults.max
  const page = matching.slice(offset, offset + pageSize)
  const next = offset + page.length
  return {
    PhoneNumbers: page,
    ...(next < matching.length ? { NextToken: encodeNextToken(next) } : {}),
  }
}
