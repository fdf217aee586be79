/** The region of an SNS topic ARN: arn:<partition>:sns:<region>:<account>:<name>. */
const regionOf = (topicArn: string): string | undefined =>
  topicArn.split(':')[3]

/**
 * Whether the SubscribeURL of a topic's confirmation may be visited: https on
 * the SNS host of the topic's own region (`sns.<region>.amazonaws.com`, or
 * `.com.cn` in China), with no user or port; or, in sandbox mode only, the
 * sandbox's own origin. A signed message already comes from SNS: this keeps
 * the app from being sent anywhere else should that ever fail.
 */
export const isTrustedSubscribeUrl = (
  subscribeUrl: string,
  topicArn: string,
  sandboxOrigin: string | null
): boolean => {
  let url: URL
  try {
    url = new URL(subscribeUrl)
  } catch {
    return false
  }
  if (sandboxOrigin !== null && url.origin === sandboxOrigin) {
    return true
  }
  const region = regionOf(topicArn)
  if (!region || url.username || url.password || url.port) {
    return false
  }
  return (
    url.protocol === 'https:' &&
    (url.hostname === `sns.${region}.amazonaws.com` ||
      url.hostname === `sns.${region}.amazonaws.com.cn`)
  )
}

const CONFIRM_TIMEOUT_MS = 5_000

export type Confirmation = { ok: true } | { ok: false; detail: string }

/** Visits the SubscribeURL, which is what confirms the subscription. */
export const confirmSubscription = async (
  subscribeUrl: string,
  fetchImpl: typeof fetch = fetch
): Promise<Confirmation> => {
  try {
    const response = await fetchImpl(subscribeUrl, {
      method: 'GET',
      // A redirect could lead anywhere; SNS answers directly.
      redirect: 'manual',
      signal: AbortSignal.timeout(CONFIRM_TIMEOUT_MS),
    })
    // The answer is SNS's XML; only whether it succeeded matters.
    await response.body?.cancel()
    return response.ok
      ? { ok: true }
      : { ok: false, detail: `HTTP ${response.status}` }
  } catch (error) {
    // The network's own code (ECONNREFUSED, ...) or the abort's name.
    const failure = error as { name?: string; cause?: { code?: string } }
    return {
      ok: false,
      detail: failure?.cause?.code ?? failure?.name ?? 'request failed',
    }
  }
}
