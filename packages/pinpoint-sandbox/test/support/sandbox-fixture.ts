import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import {
  PinpointSMSVoiceV2Client,
  SendMediaMessageCommand,
  type PinpointSMSVoiceV2ClientConfig,
  type SendMediaMessageCommandInput,
  type SendMediaMessageCommandOutput,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import type { S3Client } from '@aws-sdk/client-s3'

import {
  createSandboxS3Client,
  DEFAULT_ORIGINATION_IDENTITY,
  SIMULATOR_SUCCESS_NUMBER,
  startAll,
  type Sandbox,
  type StartAllOptions,
} from '../../src/index.ts'

// The SDK warns once per process that it will drop Node 20 in 2027; not news for every test file.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'

export const TEST_CREDENTIALS = {
  accessKeyId: 'sandbox',
  secretAccessKey: 'sandbox',
}
export const REGION = 'us-east-1'

export function pinpointClient(
  endpoint: string,
  config: Partial<PinpointSMSVoiceV2ClientConfig> = {}
): PinpointSMSVoiceV2Client {
  return new PinpointSMSVoiceV2Client({
    region: REGION,
    credentials: TEST_CREDENTIALS,
    endpoint,
    ...config,
  })
}

export interface TestSandbox extends Sandbox {
  dataDir: string
  /** Retries disabled, so each call is exactly one HTTP request. */
  client: PinpointSMSVoiceV2Client
  s3Client: S3Client
  imageUri: string
  videoUri: string
  /** SendMediaMessage with a valid default request, overridden by `input`. */
  send(
    input?: Partial<SendMediaMessageCommandInput>,
    client?: PinpointSMSVoiceV2Client
  ): Promise<SendMediaMessageCommandOutput>
  close(): Promise<void>
}

export function validRequest(
  overrides: Partial<SendMediaMessageCommandInput> = {}
): SendMediaMessageCommandInput {
  return {
    DestinationPhoneNumber: SIMULATOR_SUCCESS_NUMBER,
    OriginationIdentity: DEFAULT_ORIGINATION_IDENTITY,
    MessageBody: 'Hello from the sandbox',
    ...overrides,
  }
}

/**
 * Local S3 and Pinpoint sandbox on free ports with a throw-away data dir.
 * The MPS limit is off unless the test sets it.
 */
export async function startTestSandbox(
  options: StartAllOptions = {}
): Promise<TestSandbox> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pinpoint-sandbox-test-'))
  let sandbox: Sandbox
  try {
    sandbox = await startAll({
      s3: { port: 0, directory: dataDir, ...options.s3 },
      pinpoint: { port: 0, messagesPerSecond: 0, ...options.pinpoint },
    })
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
  const client = pinpointClient(sandbox.pinpoint.endpoint, { maxAttempts: 1 })
  const s3Client = createSandboxS3Client({ endpoint: sandbox.s3.endpoint })
  const sampleUri = (type: string) =>
    sandbox.s3.samples.find((s) => s.contentType === type)?.uri ?? ''
  return {
    ...sandbox,
    dataDir,
    client,
    s3Client,
    imageUri: sampleUri('image/png'),
    videoUri: sampleUri('video/mp4'),
    send: (input = {}, via = client) =>
      via.send(new SendMediaMessageCommand(validRequest(input))),
    close: async () => {
      client.destroy()
      s3Client.destroy()
      await sandbox.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Awaits a rejection and returns the error after checking its class. */
export async function rejectsWith<E extends Error>(
  promise: Promise<unknown>,
  errorClass: abstract new (...args: never[]) => E
): Promise<E> {
  try {
    await promise
  } catch (error) {
    if (error instanceof errorClass) return error
    throw new Error(
      `expected ${errorClass.name}, got ${(error as Error)?.name}: ${(error as Error)?.message}`,
      {
        cause: error,
      }
    )
  }
  throw new Error(`expected ${errorClass.name}, but the call succeeded`)
}
