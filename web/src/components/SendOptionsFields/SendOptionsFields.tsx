import { useEffect, useState } from 'react'

import {
  TIME_TO_LIVE_MAX_SECONDS,
  TIME_TO_LIVE_MIN_SECONDS,
  checkConfigurationSetName,
  checkMaxPrice,
  checkTimeToLive,
} from '@mms/rules'

import {
  CheckboxField,
  Label,
  NumberField,
  TextField,
  useFormState,
} from '@redwoodjs/forms'

import FormField, { useFieldA11y } from 'src/components/FormField'
import { ruleMessage } from 'src/lib/rules'

const TimeToLiveField = () => {
  const a11y = useFieldA11y('timeToLive', { hint: true })
  return (
    <FormField
      name="timeToLive"
      label="Time to live (seconds)"
      hint={`How long AWS may keep trying to deliver: ${TIME_TO_LIVE_MIN_SECONDS} to ${TIME_TO_LIVE_MAX_SECONDS}. Empty means AWS's default.`}
    >
      <NumberField
        name="timeToLive"
        className="input"
        errorClassName="input input--error"
        emptyAs="undefined"
        inputMode="numeric"
        {...a11y}
        validation={{
          validate: (value?: number) => ruleMessage(checkTimeToLive(value)),
        }}
      />
    </FormField>
  )
}

const MaxPriceField = () => {
  const a11y = useFieldA11y('maxPrice', { hint: true })
  return (
    <FormField
      name="maxPrice"
      label="Max price (US dollars)"
      hint="The most to pay for this message, e.g. 0.05. Empty means no limit."
    >
      <TextField
        name="maxPrice"
        className="input"
        errorClassName="input input--error"
        emptyAs="undefined"
        inputMode="decimal"
        {...a11y}
        validation={{
          validate: (value?: string) => ruleMessage(checkMaxPrice(value)),
        }}
      />
    </FormField>
  )
}

const ConfigurationSetField = () => {
  const a11y = useFieldA11y('configurationSetName', { hint: true })
  return (
    <FormField
      name="configurationSetName"
      label="Configuration set"
      hint="Name or ARN of the configuration set whose event destinations receive delivery events."
    >
      <TextField
        name="configurationSetName"
        className="input"
        errorClassName="input input--error"
        emptyAs="undefined"
        spellCheck={false}
        {...a11y}
        validation={{
          validate: (value?: string) =>
            ruleMessage(checkConfigurationSetName(value)),
        }}
      />
    </FormField>
  )
}

const OPTION_FIELDS = ['timeToLive', 'maxPrice', 'configurationSetName']

/** The optional members of a send, folded away until asked for or wrong. */
const SendOptionsFields = () => {
  const [open, setOpen] = useState(false)
  const { errors } = useFormState({ name: OPTION_FIELDS })
  const hasError = OPTION_FIELDS.some((name) => errors[name])

  useEffect(() => {
    if (hasError) {
      setOpen(true)
    }
  }, [hasError])

  return (
    <details
      className="form-options"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>More options</summary>
      <div className="form">
        <div className="checkbox">
          <CheckboxField
            name="dryRun"
            id="dryRun"
            aria-describedby="dryRun-hint"
          />
          <div>
            <Label name="dryRun" className="form-field__label">
              Dry run
            </Label>
            <p id="dryRun-hint" className="form-field__hint">
              AWS checks the message without sending it to the handset.
            </p>
          </div>
        </div>
        <TimeToLiveField />
        <MaxPriceField />
        <ConfigurationSetField />
      </div>
    </details>
  )
}

export default SendOptionsFields
