import { ConfigError, type Env } from 'src/lib/config'
import { isSandboxMode } from 'src/lib/demoAccount'

/** What the delivery events endpoint reads from the environment, checked once. */
export interface DeliveryEventsConfig {
  /** SNS topics whose messages are accepted; empty: the endpoint refuses everything. */
  topicArns: string[]
  /**
   * Only in sandbox mode: the local sandbox's origin, whose SNS signing key is
   * trusted and whose own subscription URLs may be confirmed.
   */
  sandboxOrigin: string | null
}

// A standard topic in any partition; FIFO topics cannot deliver to HTTPS.
const TOPIC_ARN_PATTERN =
  /^arn:aws(-cn|-us-gov)?:sns:[a-z]{2}(-[a-z]+)+-\d+:\d{12}:[A-Za-z0-9_-]{1,256}$/

const readTopicArns = (env: Env, problems: string[]): string[] => {
  const arns = (env.MMS_EVENTS_TOPIC_ARNS ?? '')
    .split(',')
    .map((arn) => arn.trim())
    .filter((arn) => arn !== '')
  for (const arn of arns) {
    if (!TOPIC_ARN_PATTERN.test(arn)) {
      problems.push(
        `MMS_EVENTS_TOPIC_ARNS: "${arn}" is not the ARN of a standard SNS topic (e.g. arn:aws:sns:us-east-1:123456789012:mms-events).`
      )
    }
  }
  return [...new Set(arns)]
}

const readSandboxOrigin = (env: Env, problems: string[]): string | null => {
  if (!isSandboxMode(env)) {
    return null
  }
  const raw = env.AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 ?? ''
  let url: URL | null = null
  try {
    url = new URL(raw)
  } catch {
    url = null
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    problems.push(
      'MMS_SANDBOX=true needs AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2, the local sandbox (e.g. http://127.0.0.1:4575): delivery events are signed with its key.'
    )
    return null
  }
  return url.origin
}

export const readDeliveryEventsConfig = (
  env: Env = process.env
): DeliveryEventsConfig => {
  const problems: string[] = []
  const topicArns = readTopicArns(env, problems)
  const sandboxOrigin = readSandboxOrigin(env, problems)
  if (problems.length > 0) {
    throw new ConfigError(problems)
  }
  return { topicArns, sandboxOrigin }
}

/** Every problem with the delivery events settings; empty when they are valid. */
export const deliveryEventsConfigProblems = (
  env: Env = process.env
): string[] => {
  try {
    readDeliveryEventsConfig(env)
    return []
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems
    }
    throw error
  }
}
