import { ConfigError } from 'src/lib/config'

import {
  deliveryEventsConfigProblems,
  readDeliveryEventsConfig,
} from './config'

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:mms-events'

describe('readDeliveryEventsConfig', () => {
  it('reads the allowed topics, trimmed and without repeats', () => {
    expect(
      readDeliveryEventsConfig({
        MMS_EVENTS_TOPIC_ARNS: ` ${TOPIC}, arn:aws-cn:sns:cn-north-1:123456789012:events ,${TOPIC}`,
      })
    ).toEqual({
      topicArns: [TOPIC, 'arn:aws-cn:sns:cn-north-1:123456789012:events'],
      sandboxOrigin: null,
    })
  })

  it('allows an empty list: the endpoint then refuses everything', () => {
    expect(readDeliveryEventsConfig({})).toEqual({
      topicArns: [],
      sandboxOrigin: null,
    })
  })

  it('names every value that is not a standard topic ARN', () => {
    const problems = deliveryEventsConfigProblems({
      MMS_EVENTS_TOPIC_ARNS: `${TOPIC},mms-events,arn:aws:sns:us-east-1:123456789012:events.fifo`,
    })
    expect(problems).toEqual([
      'MMS_EVENTS_TOPIC_ARNS: "mms-events" is not the ARN of a standard SNS topic (e.g. arn:aws:sns:us-east-1:123456789012:mms-events).',
      'MMS_EVENTS_TOPIC_ARNS: "arn:aws:sns:us-east-1:123456789012:events.fifo" is not the ARN of a standard SNS topic (e.g. arn:aws:sns:us-east-1:123456789012:mms-events).',
    ])
    expect(() =>
      readDeliveryEventsConfig({ MMS_EVENTS_TOPIC_ARNS: 'mms-events' })
    ).toThrow(ConfigError)
  })

  it("in sandbox mode, trusts the sandbox's origin", () => {
    expect(
      readDeliveryEventsConfig({
        MMS_SANDBOX: 'true',
        NODE_ENV: 'development',
        AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: 'http://127.0.0.1:4575/',
      }).sandboxOrigin
    ).toBe('http://127.0.0.1:4575')
  })

  it('in sandbox mode, needs the sandbox endpoint', () => {
    expect(
      deliveryEventsConfigProblems({ MMS_SANDBOX: 'true', NODE_ENV: 'test' })
    ).toEqual([
      'MMS_SANDBOX=true needs AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2, the local sandbox (e.g. http://127.0.0.1:4575): delivery events are signed with its key.',
    ])
  })

  it('never trusts a sandbox in production, nor without MMS_SANDBOX=true', () => {
    const endpoint = {
      AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: 'http://127.0.0.1:4575',
    }
    expect(
      readDeliveryEventsConfig({
        ...endpoint,
        MMS_SANDBOX: 'true',
        NODE_ENV: 'production',
      }).sandboxOrigin
    ).toBeNull()
    expect(
      readDeliveryEventsConfig({ ...endpoint, MMS_SANDBOX: '1' }).sandboxOrigin
    ).toBeNull()
  })
})
