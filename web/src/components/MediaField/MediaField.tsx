import { useEffect, useRef } from 'react'

import { MMS_MEDIA_CONTENT_TYPES, checkMediaFile } from '@mms/rules'

import { FileField, useFormContext, useWatch } from '@redwoodjs/forms'

import FormField, { useFieldA11y } from 'src/components/FormField'
import MediaPreview from 'src/components/MediaPreview'
import { mediaLimitsSummary } from 'src/lib/mediaKind'
import { ruleMessage } from 'src/lib/rules'
import { useObjectUrl } from 'src/lib/useObjectUrl'

export const MEDIA_FIELD = 'media'

export const chosenFile = (
  files: FileList | null | undefined
): File | undefined => files?.[0] ?? undefined

/** Checks a chosen file's type and size with the api's own rule, before any upload. */
const validateMedia = (files: FileList | undefined) => {
  const file = chosenFile(files)
  return file ? ruleMessage(checkMediaFile(file.type, file.size)) : true
}

/** One file to attach, checked as soon as it is chosen, with a preview. */
const MediaField = () => {
  const { setValue, trigger } = useFormContext()
  const inputRef = useRef<HTMLInputElement>(null)
  const file = chosenFile(
    useWatch({ name: MEDIA_FIELD }) as FileList | undefined
  )
  const acceptable =
    file !== undefined && checkMediaFile(file.type, file.size).ok
  const previewUrl = useObjectUrl(acceptable ? file : undefined)
  const a11y = useFieldA11y(MEDIA_FIELD, { hint: true })

  // A form reset clears the value but not a file input's own selection.
  useEffect(() => {
    if (!file && inputRef.current?.value) {
      inputRef.current.value = ''
    }
  }, [file])

  const remove = () => {
    setValue(MEDIA_FIELD, undefined, { shouldValidate: true })
    inputRef.current?.focus()
  }

  return (
    <FormField
      name={MEDIA_FIELD}
      label="Photo, video or other file"
      hint={`Optional, one file: ${mediaLimitsSummary()}`}
    >
      <FileField
        name={MEDIA_FIELD}
        ref={inputRef}
        className="input"
        errorClassName="input input--error"
        accept={MMS_MEDIA_CONTENT_TYPES.join(',')}
        {...a11y}
        validation={{ validate: validateMedia }}
        onChange={() => trigger(MEDIA_FIELD)}
      />
      {file && previewUrl && (
        <MediaPreview
          src={previewUrl}
          contentType={file.type}
          sizeBytes={file.size}
          name={file.name}
        />
      )}
      {file && (
        <div>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={remove}
          >
            Remove {file.name}
          </button>
        </div>
      )}
    </FormField>
  )
}

export default MediaField
