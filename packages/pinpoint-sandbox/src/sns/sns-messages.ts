import { randomUUID } from 'node:crypto'

import type {
  SignableMessage,
  SignatureVersion,
  SnsMessageType,
  SnsSigner,
} from './signing.ts'

/** An SNS message as an HTTP/S subscriber receives it, members in AWS's order. */
export interface SnsMessage {
  Type: SnsMessageType
  MessageId: string
  Token?: string
  TopicArn: string
  Subject?: string
  Message: string
  SubscribeURL?: string
  Timestamp: string
  SignatureVersion: SignatureVersion
  Signature: string
  SigningCertURL: string
  UnsubscribeURL?: string
}

export interface Signing {
  signer: SnsSigner
  version: SignatureVersion
}

function signed(fields: SignableMessage, signing: Signing): SnsMessage {
  const signature = signing.signer.sign(fields, signing.version)
  return {
    Type: fields.Type,
    MessageId: fields.MessageId,
    ...(fields.Token !== undefined ? { Token: fields.Token } : {}),
    TopicArn: fields.TopicArn,
    ...(fields.Subject !== undefined ? { Subject: fields.Subject } : {}),
    Message: fields.Message,
    ...(fields.SubscribeURL !== undefined
      ? { SubscribeURL: fields.SubscribeURL }
      : {}),
    Timestamp: fields.Timestamp,
    SignatureVersion: signing.version,
    Signature: signature,
    SigningCertURL: signing.signer.signingCertUrl,
  }
}

/**
 * A published message. One MessageId and signature for every subscription;
 * each adds its own UnsubscribeURL, which the signature does not cover.
 */
export function notification(
  topicArn: string,
  message: string,
  signing: Signing
): SnsMessage {
  return signed(
    {
      Type: 'Notification',
      MessageId: randomUUID(),
      TopicArn: topicArn,
      Message: message,
      Timestamp: new Date().toISOString(),
    },
    signing
  )
}

export function subscriptionConfirmation(
  topicArn: string,
  token: string,
  subscribeUrl: string,
  signing: Signing
): SnsMessage {
  return signed(
    {
      Type: 'SubscriptionConfirmation',
      MessageId: randomUUID(),
      Token: token,
      TopicArn: topicArn,
      Message: `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
      SubscribeURL: subscribeUrl,
      Timestamp: new Date().toISOString(),
    },
    signing
  )
}

export function unsubscribeConfirmation(
  topicArn: string,
  subscriptionArn: string,
  token: string,
  subscribeUrl: string,
  signing: Signing
): SnsMessage {
  return signed(
    {
      Type: 'UnsubscribeConfirmation',
      MessageId: randomUUID(),
      Token: token,
      TopicArn: topicArn,
      Message: `You have chosen to deactivate subscription ${subscriptionArn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`,
      SubscribeURL: subscribeUrl,
      Timestamp: new Date().toISOString(),
    },
    signing
  )
}

/** The request headers SNS sends with a message to an HTTP/S endpoint. */
export function snsRequestHeaders(
  message: SnsMessage,
  subscriptionArn: string
): Record<string, string> {
  return {
    'Content-Type': 'text/plain; charset=UTF-8',
    'User-Agent': 'Amazon Simple Notification Service Agent',
    'x-amz-sns-message-type': message.Type,
    'x-amz-sns-message-id': message.MessageId,
    'x-amz-sns-topic-arn': message.TopicArn,
    ...(message.Type === 'SubscriptionConfirmation'
      ? {}
      : { 'x-amz-sns-subscription-arn': subscriptionArn }),
  }
}
