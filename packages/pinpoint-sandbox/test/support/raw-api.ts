/** Sends a hand-made request to the sandbox's JSON endpoint, for what the SDK would never send. */
export async function rawApiRequest(
  endpoint: string,
  {
    body = '{}',
    target = 'PinpointSMSVoiceV2.SendMediaMessage',
    authorization = 'AWS4-HMAC-SHA256 Credential=sandbox/20250101/us-east-1/sms-voice/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123',
    contentType = 'application/x-amz-json-1.0',
    signal,
  }: {
    body?: string
    target?: string | null
    authorization?: string | null
    contentType?: string
    signal?: AbortSignal
  } = {}
): Promise<{
  status: number
  headers: Headers
  json: Record<string, unknown>
}> {
  const headers: Record<string, string> = { 'Content-Type': contentType }
  if (target !== null) headers['X-Amz-Target'] = target
  if (authorization !== null) headers.Authorization = authorization
  const response = await fetch(endpoint, {
    method: 'POST',
    headers,
    body,
    signal,
  })
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  }
}
