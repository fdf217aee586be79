import {
  checkWebhookUrl,
  destinationPolicy,
  refusedAddressKind,
} from './destinationPolicy'

const production = { sandbox: false }
const sandbox = { sandbox: true }

describe('refusedAddressKind', () => {
  const refused: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fc00::1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['FD00:EC2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['169.254.10.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['100.127.255.254', 'shared (carrier-grade NAT)'],
    ['224.0.0.251', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'reserved'],
    // A translator's address is judged by the IPv4 address it carries.
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['2002:c0a8:0101::1', 'private'],
    ['not an address', 'reserved'],
  ]
  it.each(refused)('refuses %s as %s', (address, kind) => {
    expect(refusedAddressKind(address)).toBe(kind)
  })

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '100.63.255.255',
    '100.128.0.1',
    '172.32.0.1',
    '2606:4700::1111',
    '64:ff9b::808:808',
    '::ffff:93.184.216.34',
  ])('allows the public address %s', (address) => {
    expect(refusedAddressKind(address)).toBeNull()
  })
})

describe('checkWebhookUrl', () => {
  it('takes a public https URL as it is', () => {
    const checked = checkWebhookUrl(
      ' https://hooks.example.com/mms?key=1 ',
      production
    )
    expect(checked).toEqual({
      ok: true,
      url: new URL('https://hooks.example.com/mms?key=1'),
    })
  })

  it('requires https outside the sandbox, and allows http inside it', () => {
    expect(checkWebhookUrl('http://hooks.example.com/mms', production)).toEqual(
      {
        ok: false,
        code: 'URL_REFUSED',
        message:
          'Webhooks are sent only over https: give an https URL, e.g. https://example.com/webhooks/mms.',
      }
    )
    expect(checkWebhookUrl('http://hooks.example.com/mms', sandbox).ok).toBe(
      true
    )
  })

  it.each([
    ['https://127.0.0.1/hook', 'loopback'],
    ['https://localhost:8443/hook', 'loopback'],
    ['https://api.localhost/hook', 'loopback'],
    ['https://[::1]/hook', 'loopback'],
    ['https://10.0.0.5/hook', 'private'],
    ['https://169.254.169.254/latest/meta-data/', 'metadata'],
    ['https://[fd00:ec2::254]/', 'metadata'],
    ['https://0x7f000001/hook', 'loopback'],
    ['https://2130706433/hook', 'loopback'],
  ])('refuses %s outside the sandbox (%s)', (url, kind) => {
    expect(checkWebhookUrl(url, production)).toEqual({
      ok: false,
      code: 'ADDRESS_REFUSED',
      message: `The URL names a ${kind} address; webhooks go only to public addresses.`,
    })
  })

  it('allows localhost in the sandbox, so the examples run on one machine', () => {
    expect(checkWebhookUrl('http://localhost:4000/hook', sandbox).ok).toBe(true)
    expect(checkWebhookUrl('http://127.0.0.1:4000/hook', sandbox).ok).toBe(true)
  })

  it.each([
    [
      '',
      'Give a URL of 1 to 2048 characters, e.g. https://example.com/webhooks/mms.',
    ],
    [
      `https://example.com/${'a'.repeat(2048)}`,
      'Give a URL of 1 to 2048 characters, e.g. https://example.com/webhooks/mms.',
    ],
    [
      'hooks.example.com/mms',
      'Give a whole URL, e.g. https://example.com/webhooks/mms.',
    ],
    [
      'ftp://hooks.example.com/mms',
      'Give an https URL, e.g. https://example.com/webhooks/mms.',
    ],
    [
      'file:///etc/passwd',
      'Give an https URL, e.g. https://example.com/webhooks/mms.',
    ],
    [
      'https://user:pass@hooks.example.com/',
      'The URL may not carry a user name or password: webhooks are signed instead.',
    ],
  ])('refuses %j in any mode', (url, message) => {
    for (const policy of [production, sandbox]) {
      expect(checkWebhookUrl(url, policy)).toEqual({
        ok: false,
        code: 'URL_REFUSED',
        message,
      })
    }
  })
})

describe('destinationPolicy', () => {
  it('is the sandbox only with MMS_SANDBOX=true outside production', () => {
    expect(
      destinationPolicy({ MMS_SANDBOX: 'true', NODE_ENV: 'development' })
    ).toEqual({ sandbox: true })
    expect(
      destinationPolicy({ MMS_SANDBOX: 'true', NODE_ENV: 'production' })
    ).toEqual({ sandbox: false })
    expect(destinationPolicy({ NODE_ENV: 'development' })).toEqual({
      sandbox: false,
    })
  })
})
