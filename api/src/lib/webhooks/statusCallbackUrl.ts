import { currentSecretOf } from './deliveryStore'
import { checkWebhookUrl, destinationPolicy } from './destinationPolicy'

export type StatusCallbackCheck =
  | { ok: true; url: string }
  | { ok: false; message: string }

/**
 * Whether sendMms may take `raw` as a message's statusCallbackUrl: a URL a
 * webhook could use, sent by an API key that has a webhook, whose secret
 * signs the callbacks too (a person signed in has no key, so no secret).
 */
export const checkStatusCallbackUrl = async (
  raw: string,
  apiKeyId: string | null | undefined,
  {
    policy = destinationPolicy(),
    secretOf = currentSecretOf,
  }: {
    policy?: ReturnType<typeof destinationPolicy>
    secretOf?: (apiKeyId: string | null) => Promise<string | null>
  } = {}
): Promise<StatusCallbackCheck> => {
  const checked = checkWebhookUrl(raw, policy)
  if (checked.ok === false) {
    return { ok: false, message: checked.message }
  }
  if (!(await secretOf(apiKeyId ?? null))) {
    return {
      ok: false,
      message:
        'A statusCallbackUrl is signed with your API key’s webhook secret: send with an API key that has a webhook (API keys page).',
    }
  }
  return { ok: true, url: checked.url.href }
}
