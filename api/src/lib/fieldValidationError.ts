import { UserInputError } from '@redwoodjs/graphql-server'

export type FieldMessages = Record<string, string[]>

/**
 * Refused input: `extensions.properties.messages` maps each field to what is
 * wrong with it, which Redwood's forms show beside the field.
 */
export class FieldValidationError extends UserInputError {
  constructor(
    readonly fieldMessages: FieldMessages,
    summary = Object.entries(fieldMessages)
      .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
      .join(' ')
  ) {
    super(summary, { messages: fieldMessages })
    // UserInputError resets the prototype to its own; restore ours.
    Object.setPrototypeOf(this, FieldValidationError.prototype)
  }
}

/** One field refused with one message. */
export const fieldError = (field: string, message: string) =>
  new FieldValidationError({ [field]: [message] })
