import {
  DescribePhoneNumbersCommand,
  PinpointSMSVoiceV2Client,
  SendMediaMessageCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2'
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'

import { mockContext, mockHttpEvent } from '@redwoodjs/testing/api'

import { db } from 'src/lib/db'
import { runSendWorkerDuringTests } from 'src/lib/sendQueue/testWorker.fixtures'

import { handler } from './graphql'
import { ALICE_KEY_SECRET } from './graphql.logging.scenarios'

// The api's own logger options, writing every line from debug up to a list
// this test reads.
jest.mock('src/lib/logger', () => {
  const { createLogger } = jest.requireActual('@redwoodjs/api/logger')
  const { loggerOptions } = jest.requireActual('src/lib/logger')
  const lines: string[] = []
  return {
    loggerOptions,
    loggedLines: lines,
    logger: createLogger({
      options: { ...loggerOptions, level: 'debug' },
      destination: { write: (line: string) => lines.push(line) },
    }),
  }
})
const { loggedLines } = jest.requireMock('src/lib/logger') as {
  loggedLines: string[]
}

interface LogLine {
  level: number
  msg?: string
  err?: { type?: string; message?: string; stack?: string }
  [key: string]: unknown
}
const INFO = 30
const WARN = 40
const ERROR = 50

const logged = (): LogLine[] => loggedLines.map((line) => JSON.parse(line))
const atLeast = (level: number) =>
  logged().filter((line) => line.level >= level)

// The number in every form it could take in a line: E.164, digits alone,
// and as people write it.
const NUMBER = '+12065550123'
const expectNumberNeverLogged = () => {
  expect(loggedLines.length).toBeGreaterThan(0)
  for (const line of loggedLines) {
    expect(line).not.toContain('2065550123')
    expect(line).not.toMatch(/206\D{0,2}555\D?0123/)
  }
}

const SEND_MMS = /* GraphQL */ `
  mutation SendMms($destinationPhoneNumber: String!, $messageBody: String) {
    sendMms(
      destinationPhoneNumber: $destinationPhoneNumber
      messageBody: $messageBody
    ) {
      messageId
    }
  }
`

const postGraphQL = async (body: {
  query: string
  variables?: Record<string, unknown>
}) => {
  const response = await handler(
    mockHttpEvent({
      httpMethod: 'POST',
      path: '/graphql',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${ALICE_KEY_SECRET}`,
      },
      payload: JSON.stringify(body),
    }),
    mockContext()
  )
  return JSON.parse(response.body)
}

const pinpoint = mockClient(PinpointSMSVoiceV2Client)

// sendMms queues; a worker here sends, as in the api server.
runSendWorkerDuringTests()
const s3 = mockClient(S3Client)

beforeEach(() => {
  loggedLines.length = 0
  pinpoint.reset()
  // The account's numbers report no limit: the configured rate applies.
  pinpoint.on(DescribePhoneNumbersCommand).resolves({ PhoneNumbers: [] })
  s3.reset()
  pinpoint.on(SendMediaMessageCommand).resolves({ MessageId: 'pinpoint-log-1' })
  s3.on(HeadObjectCommand).resolves({
    ContentType: 'image/jpeg',
    ContentLength: 120_000,
  })
})

afterEach(() => {
  jest.restoreAllMocks()
})

/** The one line a refused request leaves: a warning without a stack. */
const expectOneRefusalLine = () => {
  const notable = atLeast(INFO)
  expect(notable).toHaveLength(1)
  const [line] = notable
  expect(line.level).toBe(WARN)
  expect(line.err).toBeUndefined()
  expect(JSON.stringify(line)).not.toContain('"stack"')
  expect(line.operationName).toBe('SendMms')
  return line
}

describe('GraphQL logging', () => {
  scenario(
    'a variable of the wrong type is one warning, with the number masked',
    async () => {
      const result = await postGraphQL({
        query: SEND_MMS,
        variables: { destinationPhoneNumber: 12065550123, messageBody: 'hi' },
      })

      // The caller sees their own value; the log does not.
      expect(result.errors[0].message).toBe(
        'Variable "$destinationPhoneNumber" got invalid value 12065550123; String cannot represent a non string value: 12065550123'
      )
      const line = expectOneRefusalLine()
      expect(line.errors).toEqual([
        {
          message:
            'Variable "$destinationPhoneNumber" got invalid value *********23; String cannot represent a non string value: *********23',
        },
      ])
      expectNumberNeverLogged()
      expect(pinpoint.calls()).toHaveLength(0)
    }
  )

  scenario(
    'a number written into the query is a validation error, logged once',
    async () => {
      const result = await postGraphQL({
        query: `mutation SendMms { sendMms(destinationPhoneNumber: 12065550123, messageBody: "hi") { messageId } }`,
      })

      expect(result.errors[0].message).toContain('12065550123')
      const line = expectOneRefusalLine()
      expect(line.msg).toBe('GraphQL request refused: SendMms')
      expect(line.errors).toEqual([
        {
          message: 'String cannot represent a non string value: *********23',
        },
      ])
      expectNumberNeverLogged()
    }
  )

  scenario(
    'an invalid number refused by validation is one warning',
    async () => {
      const result = await postGraphQL({
        query: SEND_MMS,
        variables: { destinationPhoneNumber: '+1206555012', messageBody: 'hi' },
      })

      expect(result.errors[0].extensions.code).toBe('BAD_USER_INPUT')
      const line = expectOneRefusalLine()
      expect(line.errors).toEqual([
        {
          code: 'BAD_USER_INPUT',
          path: 'sendMms',
          message:
            'destinationPhoneNumber: This is not a valid phone number for its country code.',
        },
      ])
      for (const text of loggedLines) {
        expect(text).not.toContain('206555012')
      }
      expect(await db.mmsMessage.count({ where: { messageBody: 'hi' } })).toBe(
        0
      )
    }
  )

  scenario(
    'a request past the alias limit is refused by name and logged once',
    async () => {
      const aliases = Array.from(
        { length: 16 },
        (_, i) =>
          `s${i}: sendMms(destinationPhoneNumber: $destinationPhoneNumber, messageBody: $messageBody) { messageId }`
      ).join('\n')
      const result = await postGraphQL({
        query: `mutation SendMms($destinationPhoneNumber: String!, $messageBody: String) {\n${aliases}\n}`,
        variables: { destinationPhoneNumber: NUMBER, messageBody: 'hi' },
      })

      // graphql-armor's own answer, not a masked "Something went wrong".
      expect(result.errors[0].message).toMatch(/Aliases limit of 15 exceeded/)
      expectOneRefusalLine()
      expectNumberNeverLogged()
      expect(pinpoint.calls()).toHaveLength(0)
    }
  )

  scenario('a valid send logs the number only masked', async () => {
    const result = await postGraphQL({
      query: SEND_MMS,
      variables: { destinationPhoneNumber: NUMBER, messageBody: 'hi' },
    })

    expect(result.errors).toBeUndefined()
    expect(result.data.sendMms.messageId).toBe('pinpoint-log-1')
    expect(atLeast(WARN)).toEqual([])
    expect(logged().map((line) => line.msg)).toContain(
      'GraphQL request completed: SendMms'
    )
    expectNumberNeverLogged()
  })

  scenario(
    'an unexpected error is logged once at error level, with its stack',
    async () => {
      jest
        .spyOn(db.mmsMessage, 'findMany')
        .mockRejectedValue(
          new Error(`Database read failed near destination ${NUMBER}`)
        )

      const result = await postGraphQL({
        query:
          'query MessagesCell_List { mmsMessages(first: 1) { nodes { id } } }',
      })

      // The caller learns nothing of the cause.
      expect(result.errors[0].message).toBe('Something went wrong.')
      const errors = atLeast(ERROR)
      expect(errors).toHaveLength(1)
      const [line] = errors
      expect(line.msg).toBe(
        'Database read failed near destination +1********23'
      )
      expect(line.err?.message).toBe(line.msg)
      // The stack is the original error's, pointing at where it was thrown.
      expect(line.err?.stack).toMatch(
        /^Error: Database read failed near destination \+1\*{8}23\n\s+at .*graphql\.logging\.test\.ts/
      )
      expect(atLeast(INFO)).toHaveLength(1)
      expectNumberNeverLogged()
    }
  )
})
