import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'

import { escapeHtml, send, sendJson } from '../http/http-utils.ts'
import {
  ControlRequestError,
  readJsonObject,
  type Handler,
} from '../pinpoint/control-api.ts'

import type { SnsTopic } from './sns-topic.ts'
import { SnsApiError } from './sns-topic.ts'
import { SubscriptionError } from './subscriptions.ts'

const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/'

function sendXml(res: ServerResponse, status: number, xml: string): void {
  send(res, status, xml, { 'Content-Type': 'text/xml' })
}

/** The answer of SNS's query API to a ConfirmSubscription or Unsubscribe GET. */
function actionResponse(action: string, result: string): string {
  return [
    `<${action}Response xmlns="${SNS_XMLNS}">`,
    ...(result ? [`  <${action}Result>`, result, `  </${action}Result>`] : []),
    '  <ResponseMetadata>',
    `    <RequestId>${randomUUID()}</RequestId>`,
    '  </ResponseMetadata>',
    `</${action}Response>`,
    '',
  ].join('\n')
}

function sendSnsError(res: ServerResponse, error: SnsApiError): void {
  sendXml(
    res,
    error.httpStatus,
    [
      `<ErrorResponse xmlns="${SNS_XMLNS}">`,
      '  <Error>',
      '    <Type>Sender</Type>',
      `    <Code>${escapeHtml(error.code)}</Code>`,
      `    <Message>${escapeHtml(error.message)}</Message>`,
      '  </Error>',
      `  <RequestId>${randomUUID()}</RequestId>`,
      '</ErrorResponse>',
      '',
    ].join('\n')
  )
}

function answeringSnsErrors(handler: Handler): Handler {
  return async (req, res, url) => {
    try {
      await handler(req, res, url)
    } catch (error) {
      if (error instanceof SnsApiError) return sendSnsError(res, error)
      throw error
    }
  }
}

/** The SNS emulation's routes (`/_sns/...`): subscribing, confirming, the signing key and what was delivered. */
export function snsRoutes(
  topic: SnsTopic
): Map<string, Partial<Record<string, Handler>>> {
  const routes = new Map<string, Partial<Record<string, Handler>>>()
  routes.set('/_sns/signing-cert', {
    GET: (_req, res) =>
      sendJson(res, 200, {
        signingCertUrl: topic.signingCertUrl,
        pem: topic.publicKeyPem,
        signatureVersion: topic.signatureVersion,
        topicArn: topic.topicArn,
      }),
  })
  routes.set('/_sns/subscriptions', {
    GET: (_req, res) =>
      sendJson(res, 200, {
        topicArn: topic.topicArn,
        subscriptions: topic.subscriptions(),
      }),
    POST: async (req, res) => {
      const input = await readJsonObject(req)
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        throw new ControlRequestError(
          400,
          'the body must be a JSON object: {"endpoint": "http://…"}'
        )
      const unknown = Object.keys(input).filter((key) => key !== 'endpoint')
      if (unknown.length)
        throw new ControlRequestError(
          400,
          `unknown member(s): ${unknown.join(', ')}; the body is {"endpoint": "http://…"}`
        )
      try {
        const { subscription, confirmationSent } = topic.subscribe(
          (input as { endpoint?: unknown }).endpoint
        )
        sendJson(res, confirmationSent ? 202 : 200, {
          topicArn: topic.topicArn,
          ...subscription,
          confirmationSent,
        })
      } catch (error) {
        if (error instanceof SubscriptionError)
          throw new ControlRequestError(400, error.message)
        throw error
      }
    },
    DELETE: (_req, res) =>
      sendJson(res, 200, { deleted: topic.clearSubscriptions() }),
  })
  routes.set('/_sns/confirm', {
    GET: answeringSnsErrors((_req, res, url) => {
      const subscription = topic.confirm(
        url.searchParams.get('TopicArn'),
        url.searchParams.get('Token')
      )
      sendXml(
        res,
        200,
        actionResponse(
          'ConfirmSubscription',
          `    <SubscriptionArn>${escapeHtml(subscription.subscriptionArn)}</SubscriptionArn>`
        )
      )
    }),
  })
  routes.set('/_sns/unsubscribe', {
    GET: answeringSnsErrors((_req, res, url) => {
      topic.unsubscribe(url.searchParams.get('SubscriptionArn'))
      sendXml(res, 200, actionResponse('Unsubscribe', ''))
    }),
  })
  routes.set('/_sns/deliveries.json', {
    GET: (_req, res) => {
      const { pending, inFlight, deliveries } = topic.deliveries()
      sendJson(res, 200, {
        pending,
        inFlight,
        count: deliveries.length,
        deliveries,
      })
    },
  })
  return routes
}
