import {
  startMailCatcher,
  type MailCatcher,
  type MailCatcherOptions,
} from './mail/mail-catcher.ts'
import {
  startPinpointSandbox,
  type PinpointSandbox,
  type PinpointSandboxOptions,
} from './pinpoint/pinpoint-sandbox.ts'
import { DEFAULT_ORIGINATION_IDENTITY } from './pinpoint/simulator-numbers.ts'
import {
  startLocalS3,
  type LocalS3,
  type LocalS3Options,
} from './s3/local-s3.ts'
import { SANDBOX_CREDENTIALS } from './s3/sandbox-s3-client.ts'

export interface StartAllOptions {
  s3?: LocalS3Options
  /** `s3Endpoint` defaults to the local S3 started here. */
  pinpoint?: PinpointSandboxOptions
  /** Started only when given: the CLI always gives it, tests that need no mail leave it out. */
  mail?: MailCatcherOptions
}

export interface Sandbox {
  s3: LocalS3
  pinpoint: PinpointSandbox
  /** The local mail catcher, when `mail` was given. */
  mail?: MailCatcher
  /** Environment variables that point the app at the sandbox. */
  appEnv: Record<string, string>
  stop(): Promise<void>
}

export async function startAll(
  options: StartAllOptions = {}
): Promise<Sandbox> {
  const s3 = await startLocalS3(options.s3)
  let pinpoint: PinpointSandbox
  try {
    pinpoint = await startPinpointSandbox({
      s3Endpoint: s3.endpoint,
      ...options.pinpoint,
    })
  } catch (error) {
    await s3.stop()
    throw error
  }
  let mail: MailCatcher | undefined
  if (options.mail) {
    try {
      mail = await startMailCatcher(options.mail)
    } catch (error) {
      await Promise.allSettled([pinpoint.stop(), s3.stop()])
      throw error
    }
  }
  const origination =
    options.pinpoint?.originationIdentities?.[0] ?? DEFAULT_ORIGINATION_IDENTITY
  return {
    s3,
    pinpoint,
    mail,
    appEnv: {
      AWS_REGION: pinpoint.region,
      AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: pinpoint.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      S3_MMS_BUCKET_NAME: s3.bucket,
      PINPOINT_ORIGINATION_NUMBER: origination,
      ...(mail
        ? {
            SMTP_HOST: mail.host,
            SMTP_PORT: String(mail.smtpPort),
            SMTP_SECURE: 'false',
          }
        : {}),
    },
    stop: async () => {
      await Promise.allSettled([pinpoint.stop(), s3.stop(), mail?.stop()])
    },
  }
}
