import { checkStatusCallbackUrl } from './statusCallbackUrl'

const production = { sandbox: false }
const keyWithWebhook = async (apiKeyId: string | null) =>
  apiKeyId === 'key-with-webhook' ? 'whsec_x' : null

describe('checkStatusCallbackUrl', () => {
  it('takes a public https URL from a key whose webhook secret will sign it', async () => {
    expect(
      await checkStatusCallbackUrl(
        'https://callbacks.example.com/m/1 ',
        'key-with-webhook',
        { policy: production, secretOf: keyWithWebhook }
      )
    ).toEqual({ ok: true, url: 'https://callbacks.example.com/m/1' })
  })

  it('refuses a URL no webhook may use, with the same reasons', async () => {
    expect(
      await checkStatusCallbackUrl('https://10.1.2.3/m/1', 'key-with-webhook', {
        policy: production,
        secretOf: keyWithWebhook,
      })
    ).toEqual({
      ok: false,
      message:
        'The URL names a private address; webhooks go only to public addresses.',
    })
  })

  it('refuses a callback nothing could sign: no key, or a key without a webhook', async () => {
    const refusal = {
      ok: false,
      message:
        'A statusCallbackUrl is signed with your API key’s webhook secret: send with an API key that has a webhook (API keys page).',
    }
    for (const apiKeyId of [null, undefined, 'key-without-webhook']) {
      expect(
        await checkStatusCallbackUrl(
          'https://callbacks.example.com/m/1',
          apiKeyId,
          { policy: production, secretOf: keyWithWebhook }
        )
      ).toEqual(refusal)
    }
  })
})
