import { useEffect } from 'react'

import {
  PHONE_NUMBER_EXAMPLE,
  checkDestinationPhoneNumber,
  formatPhoneNumber,
} from '@mms/rules'

import { TelField, useFormContext, useWatch } from '@redwoodjs/forms'

import FormField, { useFieldA11y } from 'src/components/FormField'
import { ruleMessage } from 'src/lib/rules'
import { useDebouncedValue } from 'src/lib/useDebouncedValue'

export const DESTINATION_FIELD = 'destinationPhoneNumber'

const CHECK_AFTER_MS = 600

/** The number to send to, checked with the api's own rule as it is typed. */
const DestinationField = () => {
  const typed = useWatch({ name: DESTINATION_FIELD }) as string | undefined
  const checked = checkDestinationPhoneNumber(typed)
  const { trigger } = useFormContext()

  // Checked once typing pauses: an error while the number is half typed would
  // only distract, and one shown on blur moves the Send button under the pointer.
  const settled = useDebouncedValue(typed, CHECK_AFTER_MS)
  useEffect(() => {
    if (settled) {
      trigger(DESTINATION_FIELD)
    }
  }, [settled, trigger])
  const a11y = useFieldA11y(DESTINATION_FIELD, { hint: true })

  return (
    <FormField
      name={DESTINATION_FIELD}
      label="Destination phone number"
      hint={
        <>
          <p>
            In international format: + and the country code, e.g.{' '}
            {PHONE_NUMBER_EXAMPLE}.
          </p>
          {checked.ok && <p>Sends to {formatPhoneNumber(checked.value)}</p>}
        </>
      }
    >
      <TelField
        name={DESTINATION_FIELD}
        className="input"
        errorClassName="input input--error"
        autoComplete="tel"
        spellCheck={false}
        {...a11y}
        validation={{
          validate: (value: string) =>
            ruleMessage(checkDestinationPhoneNumber(value)),
        }}
      />
    </FormField>
  )
}

export default DestinationField
