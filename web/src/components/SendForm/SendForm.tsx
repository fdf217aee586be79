import { useRef, useState } from 'react'

import {
  checkDestinationPhoneNumber,
  checkMediaFile,
  type SendLimitErrorExtensions,
} from '@mms/rules'
import type {
  SendForm_CreateMediaUpload,
  SendForm_CreateMediaUploadVariables,
  SendForm_SendMms,
  SendForm_SendMmsVariables,
} from 'types/graphql'

import { Form, Submit, useForm } from '@redwoodjs/forms'
import { useMutation, type TypedDocumentNode } from '@redwoodjs/web'

import DestinationField, {
  DESTINATION_FIELD,
} from 'src/components/DestinationField'
import MediaField, { MEDIA_FIELD, chosenFile } from 'src/components/MediaField'
import MessageBodyField, {
  MESSAGE_BODY_FIELD,
} from 'src/components/MessageBodyField'
import SendOptionsFields from 'src/components/SendOptionsFields'
import SendResult from 'src/components/SendResult'
import {
  errorSummary,
  fieldMessages,
  type RequestError,
} from 'src/lib/graphQLErrors'
import { MediaUploadError, putFile } from 'src/lib/uploadMedia'
import { useIdempotencyKey } from 'src/lib/useIdempotencyKey'

import SendLimitNotice from './SendLimitNotice'
import { sendLimitRefusalOf } from './sendLimitRefusal'

export const CREATE_MEDIA_UPLOAD: TypedDocumentNode<
  SendForm_CreateMediaUpload,
  SendForm_CreateMediaUploadVariables
> = gql`
  mutation SendForm_CreateMediaUpload(
    $contentType: String!
    $sizeBytes: Int!
    $fileName: String
  ) {
    createMediaUpload(
      contentType: $contentType
      sizeBytes: $sizeBytes
      fileName: $fileName
    ) {
      uploadUrl
      headers
      mediaUrl
      expiresAt
    }
  }
`

export const SEND_MMS: TypedDocumentNode<
  SendForm_SendMms,
  SendForm_SendMmsVariables
> = gql`
  mutation SendForm_SendMms(
    $destinationPhoneNumber: String!
    $messageBody: String
    $mediaUrls: [String!]
    $dryRun: Boolean
    $timeToLive: Int
    $maxPrice: String
    $configurationSetName: String
    $idempotencyKey: String
  ) {
    sendMms(
      destinationPhoneNumber: $destinationPhoneNumber
      messageBody: $messageBody
      mediaUrls: $mediaUrls
      dryRun: $dryRun
      timeToLive: $timeToLive
      maxPrice: $maxPrice
      configurationSetName: $configurationSetName
      idempotencyKey: $idempotencyKey
    ) {
      id
      status
      destinationPhoneNumber
      dryRun
      errorCode
      errorMessage
      createdAt
    }
  }
`

export interface SendFormValues {
  destinationPhoneNumber: string
  messageBody: string
  media?: FileList
  dryRun: boolean
  timeToLive?: number
  maxPrice?: string
  configurationSetName?: string
}

type Phase = 'idle' | 'uploading' | 'sending'

/** The api's argument names, and the form field that shows each one's errors. */
const FIELD_OF_ARGUMENT: Record<string, keyof SendFormValues> = {
  destinationPhoneNumber: DESTINATION_FIELD,
  messageBody: MESSAGE_BODY_FIELD,
  media: MEDIA_FIELD,
  mediaUrls: MEDIA_FIELD,
  timeToLive: 'timeToLive',
  maxPrice: 'maxPrice',
  configurationSetName: 'configurationSetName',
}

const SendForm = () => {
  const formMethods = useForm<SendFormValues>({
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    defaultValues: {
      destinationPhoneNumber: '',
      messageBody: '',
      dryRun: false,
    },
  })
  const [createMediaUpload] = useMutation(CREATE_MEDIA_UPLOAD)
  const [sendMms] = useMutation(SEND_MMS)
  const { keyFor, forget } = useIdempotencyKey()

  const [phase, setPhase] = useState<Phase>('idle')
  const [result, setResult] = useState<SendForm_SendMms['sendMms']>()
  const [formError, setFormError] = useState<string>()
  const [limitRefusal, setLimitRefusal] = useState<SendLimitErrorExtensions>()
  // Guards against a second submit that arrives before the button re-renders disabled.
  const submitting = useRef(false)
  // A file already uploaded is not uploaded again when the same send is retried,
  // so the retry carries the same media URL and matches its idempotency key.
  const uploaded = useRef<{ file: File; mediaUrl: string }>()

  const uploadOnce = async (file: File): Promise<string> => {
    if (uploaded.current?.file === file) {
      return uploaded.current.mediaUrl
    }
    const checked = checkMediaFile(file.type, file.size)
    const { data } = await createMediaUpload({
      variables: {
        contentType: checked.ok ? checked.value.contentType : file.type,
        sizeBytes: file.size,
        fileName: file.name,
      },
    })
    const upload = data!.createMediaUpload
    await putFile(upload, file)
    uploaded.current = { file, mediaUrl: upload.mediaUrl }
    return upload.mediaUrl
  }

  const showError = (error: unknown) => {
    if (error instanceof MediaUploadError) {
      formMethods.setError(
        MEDIA_FIELD,
        { type: 'server', message: error.message },
        { shouldFocus: true }
      )
      return
    }
    const gqlError = error as RequestError
    const refusal = sendLimitRefusalOf(gqlError)
    if (refusal) {
      setLimitRefusal(refusal)
      return
    }
    const unplaced: string[] = []
    let focused = false
    for (const [argument, messages] of Object.entries(
      fieldMessages(gqlError)
    )) {
      const field = FIELD_OF_ARGUMENT[argument]
      if (field) {
        formMethods.setError(
          field,
          { type: 'server', message: messages.join(' ') },
          { shouldFocus: !focused }
        )
        focused = true
      } else {
        unplaced.push(...messages)
      }
    }
    if (!focused || unplaced.length > 0) {
      setFormError(
        unplaced.length > 0 ? unplaced.join(' ') : errorSummary(gqlError)
      )
    }
  }

  const onSubmit = async (values: SendFormValues) => {
    if (submitting.current) {
      return
    }
    submitting.current = true
    setFormError(undefined)
    setLimitRefusal(undefined)
    setResult(undefined)
    try {
      const file = chosenFile(values.media)
      setPhase(file ? 'uploading' : 'sending')
      const mediaUrls = file ? [await uploadOnce(file)] : undefined
      setPhase('sending')

      const request = {
        destinationPhoneNumber: values.destinationPhoneNumber,
        messageBody: values.messageBody || undefined,
        mediaUrls,
        dryRun: values.dryRun || undefined,
        timeToLive: values.timeToLive,
        maxPrice: values.maxPrice,
        configurationSetName: values.configurationSetName,
      }
      const destination = checkDestinationPhoneNumber(
        request.destinationPhoneNumber
      )
      const idempotencyKey = keyFor(
        JSON.stringify({
          ...request,
          destinationPhoneNumber: destination.ok
            ? destination.value
            : request.destinationPhoneNumber,
        })
      )
      const { data } = await sendMms({
        variables: { ...request, idempotencyKey },
      })

      setResult(data!.sendMms)
      forget()
      uploaded.current = undefined
      formMethods.reset({ ...values, messageBody: '', media: undefined })
    } catch (error) {
      showError(error)
    } finally {
      submitting.current = false
      setPhase('idle')
    }
  }

  const busy = phase !== 'idle'

  return (
    <>
      <Form
        formMethods={formMethods}
        onSubmit={onSubmit}
        className="form card"
        aria-label="Send an MMS"
        noValidate
      >
        {formError && (
          <div role="alert" className="notice notice--error">
            <p className="notice__title">The message was not sent.</p>
            <p>{formError}</p>
          </div>
        )}
        {limitRefusal && <SendLimitNotice refusal={limitRefusal} />}
        <DestinationField />
        <MessageBodyField />
        <MediaField />
        <SendOptionsFields />
        <div className="form-actions">
          <Submit className="button" disabled={busy}>
            {busy ? 'Sending…' : 'Send MMS'}
          </Submit>
          <p className="muted" role="status">
            {phase === 'uploading' && 'Uploading the file…'}
            {phase === 'sending' && 'Sending the message…'}
          </p>
        </div>
      </Form>
      <div role="status" aria-live="polite">
        {result && <SendResult message={result} />}
      </div>
    </>
  )
}

export default SendForm
