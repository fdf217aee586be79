// Service tests never reach AWS: the guide's variables get test values, and
// both endpoints point at a closed local port, so a call that escapes its
// mock fails fast instead of leaving the machine.
const testEnv = {
  AWS_REGION: 'us-east-1',
  PINPOINT_ORIGINATION_NUMBER: '+18445550100',
  S3_MMS_BUCKET_NAME: 'mms-media-test',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: 'http://127.0.0.1:9',
  AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9',
  S3_FORCE_PATH_STYLE: 'true',
  MMS_SEND_MAX_ATTEMPTS: '3',
  // Mail: tests read what was sent from Redwood's in-memory handler
  // (mailer().getTestHandler()); the SMTP server named here is a closed port.
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: '9',
  SMTP_SECURE: 'false',
  MAIL_FROM: 'MMS <no-reply@example.com>',
}
Object.assign(process.env, testEnv)
