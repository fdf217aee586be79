import { configFromEnv, EnvConfigError } from './config-from-env.ts'
import { mailCatcherOptionsFromEnv } from './mail/mail-config-from-env.ts'
import { startAll } from './start-all.ts'

function timestamp(): string {
  return new Date().toISOString().slice(11, 23)
}

async function main(): Promise<void> {
  const problems: string[] = []
  const read = <T>(reader: () => T): T | undefined => {
    try {
      return reader()
    } catch (error) {
      if (!(error instanceof EnvConfigError)) throw error
      problems.push(error.message)
      return undefined
    }
  }
  const config = read(() => configFromEnv(process.env))
  const mailOptions = read(() => mailCatcherOptionsFromEnv(process.env))
  if (!config || !mailOptions) {
    console.error(
      `pinpoint-sandbox: invalid configuration:\n${problems.join('\n')}`
    )
    process.exit(2)
  }
  const log = config.logRequests
    ? (line: string) => console.log(`${timestamp()} ${line}`)
    : undefined
  const sandbox = await startAll({
    ...config.options,
    pinpoint: { ...config.options.pinpoint, log },
    mail: { ...mailOptions, log },
  })
  const { s3, pinpoint, mail } = sandbox
  const faults = pinpoint.faults()

  console.log(
    [
      'pinpoint-sandbox is running',
      `  Local S3:          ${s3.endpoint}  (bucket ${s3.bucket}, data in ${s3.directory})`,
      `  Pinpoint SMS v2:   ${pinpoint.endpoint}`,
      `  Inbox:             ${pinpoint.inboxUrl}`,
      `  SNS topic:         ${pinpoint.sns.topicArn}  (delivery events, SignatureVersion ${pinpoint.sns.signatureVersion})`,
      `  Subscribe:         curl -s -X POST ${pinpoint.endpoint}/_sns/subscriptions -H 'Content-Type: application/json' -d '{"endpoint": "http://127.0.0.1:8911/deliveryEvents"}'`,
      `  Signing key:       ${pinpoint.endpoint}/_sns/signing-cert  (the key behind ${pinpoint.sns.signingCertUrl})`,
      `  Mail (SMTP):       ${mail?.host}:${mail?.smtpPort}  (accepts any mail, delivers none)`,
      `  Mail inbox:        ${mail?.url}`,
      `  Samples:           ${s3.samples.map((sample) => sample.uri).join(', ')}`,
      `  Fault seed:        ${faults.seed}`,
      '',
      'Point the app at it with:',
      ...Object.entries(sandbox.appEnv).map(
        ([name, value]) => `  ${name}=${value}`
      ),
      '',
      'Press Ctrl+C to stop.',
    ].join('\n')
  )

  let stopping = false
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal} received, stopping`)
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error(
    'pinpoint-sandbox failed to start:',
    error instanceof Error ? error.message : error
  )
  process.exit(1)
})
