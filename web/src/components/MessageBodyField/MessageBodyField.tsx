import {
  MESSAGE_BODY_MAX_LENGTH,
  checkMessageBody,
  messageBodyLength,
} from '@mms/rules'

import { TextAreaField, useWatch } from '@redwoodjs/forms'

import FormField, { useFieldA11y } from 'src/components/FormField'
import { ruleMessage } from 'src/lib/rules'
import { useDebouncedValue } from 'src/lib/useDebouncedValue'

export const MESSAGE_BODY_FIELD = 'messageBody'

const COUNT_ID = 'messageBody-count'
const ANNOUNCE_AFTER_MS = 1_000

const describeCount = (length: number) => {
  const over = length - MESSAGE_BODY_MAX_LENGTH
  return over > 0
    ? `${length} of ${MESSAGE_BODY_MAX_LENGTH} characters: ${over} too many`
    : `${length} of ${MESSAGE_BODY_MAX_LENGTH} characters`
}

/** The message text, with a live count against the shared limit. */
const MessageBodyField = () => {
  const body =
    (useWatch({ name: MESSAGE_BODY_FIELD }) as string | undefined) ?? ''
  const length = messageBodyLength(body)
  // Screen readers hear the count once typing pauses, not on every key.
  const settledLength = useDebouncedValue(length, ANNOUNCE_AFTER_MS)
  const a11y = useFieldA11y(MESSAGE_BODY_FIELD, {
    hint: true,
    extraIds: [COUNT_ID],
  })

  return (
    <FormField
      name={MESSAGE_BODY_FIELD}
      label="Message"
      hint="Optional when you attach a file. An emoji counts as one character."
    >
      <TextAreaField
        name={MESSAGE_BODY_FIELD}
        className="input"
        errorClassName="input input--error"
        rows={6}
        {...a11y}
        validation={{
          validate: (value: string) => ruleMessage(checkMessageBody(value)),
        }}
      />
      <p
        id={COUNT_ID}
        className={
          length > MESSAGE_BODY_MAX_LENGTH
            ? 'character-count character-count--over'
            : 'character-count'
        }
      >
        {describeCount(length)}
      </p>
      <p className="sr-only" aria-live="polite">
        {settledLength > 0 ? describeCount(settledLength) : ''}
      </p>
    </FormField>
  )
}

export default MessageBodyField
