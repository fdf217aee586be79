import { ConfigError, readMmsConfig } from './config'

// readMmsConfig takes the environment as an argument, so these tests never
// touch process.env.
const VALID_ENV = {
  AWS_REGION: 'us-east-1',
  PINPOINT_ORIGINATION_NUMBER: '+18445550100',
  S3_MMS_BUCKET_NAME: 'mms-media-test',
}

/** The ConfigError readMmsConfig throws for an env, or fails the test. */
const configErrorFor = (
  env: Record<string, string | undefined>
): ConfigError => {
  try {
    readMmsConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return error as ConfigError
  }
  throw new Error(`readMmsConfig accepted ${JSON.stringify(env)}`)
}

describe('readMmsConfig', () => {
  it('reads a full valid environment, with the defaults for the tuning variables', () => {
    expect(readMmsConfig(VALID_ENV)).toEqual({
      region: 'us-east-1',
      originationIdentities: ['+18445550100'],
      originationRates: {},
      configurationSetName: undefined,
      mediaBucket: 'mms-media-test',
      sendMaxAttempts: 3,
      sendTimeoutMs: 10_000,
      connectTimeoutMs: 3_000,
      sendLimits: {
        userRatePerMinute: 60,
        userDailyQuota: 1_000,
        apiKeyRatePerMinute: 60,
        apiKeyDailyQuota: 1_000,
      },
      allowedCountries: ['US', 'CA'],
      sharedMediaPrefixes: [],
      queue: {
        sendWaitMs: 3_000,
        ttlSeconds: 14_400,
        leaseMs: 60_000,
        workerConcurrency: 8,
        pollMs: 250,
        inProcessWorker: true,
      },
    })
  })

  it('reads the tuning variables when they are set', () => {
    expect(
      readMmsConfig({
        ...VALID_ENV,
        MMS_SEND_MAX_ATTEMPTS: '5',
        MMS_SEND_TIMEOUT_MS: '2500',
        MMS_CONNECT_TIMEOUT_MS: '750',
      })
    ).toMatchObject({
      sendMaxAttempts: 5,
      sendTimeoutMs: 2500,
      connectTimeoutMs: 750,
    })
  })

  it('treats an empty tuning variable as unset', () => {
    expect(
      readMmsConfig({
        ...VALID_ENV,
        MMS_SEND_MAX_ATTEMPTS: '',
        MMS_SEND_TIMEOUT_MS: '',
        MMS_CONNECT_TIMEOUT_MS: '',
      })
    ).toMatchObject({
      sendMaxAttempts: 3,
      sendTimeoutMs: 10_000,
      connectTimeoutMs: 3_000,
    })
  })

  it('defaults to process.env (set by api/jest.env.js)', () => {
    expect(readMmsConfig()).toMatchObject({
      region: 'us-east-1',
      originationIdentities: ['+18445550100'],
      mediaBucket: 'mms-media-test',
      sendMaxAttempts: 3,
    })
  })

  describe.each([
    'AWS_REGION',
    'PINPOINT_ORIGINATION_NUMBER',
    'S3_MMS_BUCKET_NAME',
  ])('without %s', (name) => {
    it.each([
      ['missing', undefined],
      ['empty', ''],
    ])('names it when %s', (_, value) => {
      const error = configErrorFor({ ...VALID_ENV, [name]: value })
      expect(error.problems).toHaveLength(1)
      expect(error.problems[0]).toMatch(new RegExp(`^${name} is not set`))
      expect(error.message).toContain(name)
      expect(error.name).toBe('ConfigError')
    })
  })

  it('reports all three missing guide variables together in one error', () => {
    const error = configErrorFor({})
    expect(error.problems).toHaveLength(3)
    expect(error.problems[0]).toMatch(/^AWS_REGION is not set/)
    expect(error.problems[1]).toMatch(/^PINPOINT_ORIGINATION_NUMBER is not set/)
    expect(error.problems[2]).toMatch(/^S3_MMS_BUCKET_NAME is not set/)
    for (const problem of error.problems) {
      expect(error.message).toContain(`  - ${problem}`)
    }
    expect(error.message).toMatch(
      /^The MMS service is not configured correctly:\n/
    )
    expect(error.message).toMatch(
      /Set these in \.env \(see \.env\.example\)\.$/
    )
  })

  it('reports a missing variable and a bad tuning value together', () => {
    const error = configErrorFor({
      ...VALID_ENV,
      AWS_REGION: undefined,
      MMS_SEND_MAX_ATTEMPTS: '0',
    })
    expect(error.problems).toEqual([
      'AWS_REGION is not set (e.g. us-east-1).',
      'MMS_SEND_MAX_ATTEMPTS must be a whole number from 1 to 10 (got "0").',
    ])
  })

  describe('AWS_REGION', () => {
    it.each([
      'US-EAST-1',
      'us-east',
      'us_east_1',
      'useast1',
      ' us-east-1',
      'us-east-1 ',
    ])('refuses %j', (region) => {
      const error = configErrorFor({ ...VALID_ENV, AWS_REGION: region })
      expect(error.problems).toEqual([
        `AWS_REGION "${region}" is not an AWS Region name (e.g. us-east-1).`,
      ])
    })

    it.each([
      'us-east-1',
      'eu-west-2',
      'ap-southeast-2',
      'us-gov-west-1',
      'ca-central-1',
    ])('accepts %s', (region) => {
      expect(readMmsConfig({ ...VALID_ENV, AWS_REGION: region }).region).toBe(
        region
      )
    })
  })

  describe('S3_MMS_BUCKET_NAME', () => {
    it.each([
      'My_Bucket',
      'ab',
      'UPPERCASE',
      '-leading-hyphen',
      'trailing-hyphen-',
      'a'.repeat(64),
    ])('refuses %j', (bucket) => {
      const error = configErrorFor({ ...VALID_ENV, S3_MMS_BUCKET_NAME: bucket })
      expect(error.problems).toEqual([
        `S3_MMS_BUCKET_NAME "${bucket}" is not a valid bucket name (3 to 63 lowercase letters, digits, dots or hyphens).`,
      ])
    })

    it.each(['abc', 'my.media-bucket-1', 'a'.repeat(63)])(
      'accepts %j',
      (bucket) => {
        expect(
          readMmsConfig({ ...VALID_ENV, S3_MMS_BUCKET_NAME: bucket })
            .mediaBucket
        ).toBe(bucket)
      }
    )
  })

  describe('PINPOINT_ORIGINATION_NUMBER', () => {
    const malformed = (identity: string) =>
      `PINPOINT_ORIGINATION_NUMBER: "${identity}" must be 1 to 256 letters, digits, _ : / + or - (a phone number in E.164, an id or an ARN).`

    it.each([
      ['with a space', '+1 844 555 0100'],
      ['of 257 characters', 'a'.repeat(257)],
      ['with a dot', 'pool.example'],
    ])('refuses one %s, naming it', (_, identity) => {
      const error = configErrorFor({
        ...VALID_ENV,
        PINPOINT_ORIGINATION_NUMBER: identity,
      })
      expect(error.problems).toEqual([malformed(identity)])
    })

    it('reads several, separated by commas, trimmed and without repeats', () => {
      expect(
        readMmsConfig({
          ...VALID_ENV,
          PINPOINT_ORIGINATION_NUMBER:
            ' +18445550100, pool-abc ,+18445550100,, +18005550199 ',
        }).originationIdentities
      ).toEqual(['+18445550100', 'pool-abc', '+18005550199'])
    })

    it('names each malformed identity in a list, and only those', () => {
      expect(
        configErrorFor({
          ...VALID_ENV,
          PINPOINT_ORIGINATION_NUMBER: '+18445550100, pool.one, +1 800',
        }).problems
      ).toEqual([malformed('pool.one'), malformed('+1 800')])
    })

    it('refuses a list of only commas as not set', () => {
      expect(
        configErrorFor({ ...VALID_ENV, PINPOINT_ORIGINATION_NUMBER: ' , ,' })
          .problems
      ).toEqual([
        'PINPOINT_ORIGINATION_NUMBER is not set: the phone number (E.164), its id or ARN, or a pool id or ARN to send from (several separated by commas).',
      ])
    })

    it.each([
      ['an E.164 number', '+18445550100'],
      ['a phone number id', 'phone-1234567890abcdef0123456789abcdef'],
      [
        'a phone number ARN',
        'arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-1234567890abcdef0123456789abcdef',
      ],
      ['a pool id', 'pool-1234567890abcdef0123456789abcdef'],
      [
        'a pool ARN',
        'arn:aws:sms-voice:us-east-1:123456789012:pool/pool-1234567890abcdef0123456789abcdef',
      ],
      ['an identity of exactly 256 characters', 'a'.repeat(256)],
    ])('accepts %s', (_, identity) => {
      expect(
        readMmsConfig({ ...VALID_ENV, PINPOINT_ORIGINATION_NUMBER: identity })
          .originationIdentities
      ).toEqual([identity])
    })
  })

  describe.each([
    ['MMS_SEND_MAX_ATTEMPTS', 'sendMaxAttempts', 1, 10],
    ['MMS_SEND_TIMEOUT_MS', 'sendTimeoutMs', 100, 120_000],
    ['MMS_CONNECT_TIMEOUT_MS', 'connectTimeoutMs', 100, 60_000],
  ] as const)('%s', (name, field, min, max) => {
    it.each([String(min), String(max)])('accepts the bound %s', (raw) => {
      // A lease long enough for the longest send these timeouts allow.
      const env = { ...VALID_ENV, MMS_QUEUE_LEASE_SECONDS: '3600' }
      expect(readMmsConfig({ ...env, [name]: raw })[field]).toBe(Number(raw))
    })

    it.each([String(min - 1), String(max + 1), 'abc', '2.5', '-1'])(
      'refuses %j',
      (raw) => {
        const error = configErrorFor({ ...VALID_ENV, [name]: raw })
        expect(error.problems).toEqual([
          `${name} must be a whole number from ${min} to ${max} (got "${raw}").`,
        ])
      }
    )
  })

  it.each(['0', '11', 'abc'])('refuses MMS_SEND_MAX_ATTEMPTS=%s', (raw) => {
    expect(() =>
      readMmsConfig({ ...VALID_ENV, MMS_SEND_MAX_ATTEMPTS: raw })
    ).toThrow(
      `MMS_SEND_MAX_ATTEMPTS must be a whole number from 1 to 10 (got "${raw}").`
    )
  })

  it.each([
    ['1', 1],
    ['10', 10],
  ])('accepts MMS_SEND_MAX_ATTEMPTS=%s', (raw, expected) => {
    expect(
      readMmsConfig({ ...VALID_ENV, MMS_SEND_MAX_ATTEMPTS: raw })
        .sendMaxAttempts
    ).toBe(expected)
  })

  it.each(['0x3', '1e1', ' 5 ', '2.0'])(
    'refuses MMS_SEND_MAX_ATTEMPTS written as %p: only plain digits count',
    (raw) => {
      expect(
        configErrorFor({ ...VALID_ENV, MMS_SEND_MAX_ATTEMPTS: raw }).problems
      ).toEqual([
        `MMS_SEND_MAX_ATTEMPTS must be a whole number from 1 to 10 (got "${raw}").`,
      ])
    }
  )
})

describe('sending limits, countries and shared media', () => {
  it('reads every setting when it is set', () => {
    expect(
      readMmsConfig({
        ...VALID_ENV,
        MMS_USER_RATE_PER_MINUTE: '5',
        MMS_USER_DAILY_QUOTA: '200',
        MMS_API_KEY_RATE_PER_MINUTE: '3',
        MMS_API_KEY_DAILY_QUOTA: '100',
        MMS_ALLOWED_COUNTRIES: ' us , ca,PR,US ',
        MMS_SHARED_MEDIA_PREFIXES: 'samples/, brand/logos/',
      })
    ).toMatchObject({
      sendLimits: {
        userRatePerMinute: 5,
        userDailyQuota: 200,
        apiKeyRatePerMinute: 3,
        apiKeyDailyQuota: 100,
      },
      allowedCountries: ['US', 'CA', 'PR'],
      sharedMediaPrefixes: ['samples/', 'brand/logos/'],
    })
  })

  describe.each([
    'MMS_USER_RATE_PER_MINUTE',
    'MMS_USER_DAILY_QUOTA',
    'MMS_API_KEY_RATE_PER_MINUTE',
    'MMS_API_KEY_DAILY_QUOTA',
  ])('%s', (name) => {
    it.each(['0', '1000001', '-1', '1.5', 'ten'])('refuses %j', (raw) => {
      expect(configErrorFor({ ...VALID_ENV, [name]: raw }).problems).toEqual([
        `${name} must be a whole number from 1 to 1000000 (got "${raw}").`,
      ])
    })
  })

  it.each([
    ['UK', '"UK"'],
    ['US,XX', '"XX"'],
    ['USA,CAN', '"USA", "CAN"'],
  ])('refuses MMS_ALLOWED_COUNTRIES=%s, naming %s', (raw, named) => {
    expect(
      configErrorFor({ ...VALID_ENV, MMS_ALLOWED_COUNTRIES: raw }).problems
    ).toEqual([
      `MMS_ALLOWED_COUNTRIES has ${named}, not ISO country codes with phone numbers (e.g. US, CA, GB).`,
    ])
  })

  it('refuses MMS_ALLOWED_COUNTRIES that names no country', () => {
    expect(
      configErrorFor({ ...VALID_ENV, MMS_ALLOWED_COUNTRIES: ' , ' }).problems
    ).toEqual([
      'MMS_ALLOWED_COUNTRIES names no country: give ISO codes separated by commas (e.g. US,CA).',
    ])
  })

  it.each(['samples', '/samples/', 'samples//x/', 'a/../b/', './', '../'])(
    'refuses the shared prefix %j',
    (prefix) => {
      expect(
        configErrorFor({ ...VALID_ENV, MMS_SHARED_MEDIA_PREFIXES: prefix })
          .problems
      ).toEqual([
        `MMS_SHARED_MEDIA_PREFIXES: "${prefix}" must be a folder of the bucket ending in "/", without "." or ".." parts or "//" (e.g. samples/).`,
      ])
    }
  )

  it.each(['uploads/', 'uploads/7/'])(
    'refuses the shared prefix %j, which holds users’ own uploads',
    (prefix) => {
      expect(
        configErrorFor({ ...VALID_ENV, MMS_SHARED_MEDIA_PREFIXES: prefix })
          .problems
      ).toEqual([
        `MMS_SHARED_MEDIA_PREFIXES: "${prefix}" would share users' own uploads (uploads/); use another folder.`,
      ])
    }
  )
})

describe('origination rates and the configuration set', () => {
  it('reads MMS_ORIGINATION_RATES as messages per second per identity', () => {
    expect(
      readMmsConfig({
        ...VALID_ENV,
        MMS_ORIGINATION_RATES:
          ' +18445550100=3, pool-abc=0.5 ,+18005550199=10000',
      }).originationRates
    ).toEqual({ '+18445550100': 3, 'pool-abc': 0.5, '+18005550199': 10_000 })
  })

  it.each([
    '+18445550100',
    '+18445550100=',
    '=3',
    '+18445550100=0',
    '+18445550100=-1',
    '+18445550100=3/s',
    '+18445550100=10001',
  ])('refuses the rate %j, naming it', (pair) => {
    expect(
      configErrorFor({ ...VALID_ENV, MMS_ORIGINATION_RATES: pair }).problems
    ).toEqual([
      `MMS_ORIGINATION_RATES: "${pair}" must be <identity>=<messages per second>, a number above 0 and at most 10000 (e.g. +18005550100=3).`,
    ])
  })

  it('names only the bad pair of a list', () => {
    expect(
      configErrorFor({
        ...VALID_ENV,
        MMS_ORIGINATION_RATES: '+18445550100=3,pool-abc=fast',
      }).problems
    ).toEqual([
      'MMS_ORIGINATION_RATES: "pool-abc=fast" must be <identity>=<messages per second>, a number above 0 and at most 10000 (e.g. +18005550100=3).',
    ])
  })

  it('reads MMS_CONFIGURATION_SET_NAME, and refuses one AWS would refuse', () => {
    expect(
      readMmsConfig({ ...VALID_ENV, MMS_CONFIGURATION_SET_NAME: 'mms-events' })
        .configurationSetName
    ).toBe('mms-events')
    expect(
      readMmsConfig({ ...VALID_ENV, MMS_CONFIGURATION_SET_NAME: '' })
        .configurationSetName
    ).toBeUndefined()
    expect(
      configErrorFor({ ...VALID_ENV, MMS_CONFIGURATION_SET_NAME: 'my set' })
        .problems
    ).toEqual([
      expect.stringMatching(/^MMS_CONFIGURATION_SET_NAME: .*1 to 256/),
    ])
  })
})

describe('the send queue', () => {
  it('reads every queue setting when it is set', () => {
    expect(
      readMmsConfig({
        ...VALID_ENV,
        MMS_SEND_WAIT_MS: '0',
        MMS_QUEUE_TTL_SECONDS: '600',
        MMS_QUEUE_LEASE_SECONDS: '30',
        MMS_WORKER_CONCURRENCY: '2',
        MMS_WORKER_POLL_MS: '20',
        MMS_IN_PROCESS_WORKER: 'false',
      }).queue
    ).toEqual({
      sendWaitMs: 0,
      ttlSeconds: 600,
      leaseMs: 30_000,
      workerConcurrency: 2,
      pollMs: 20,
      inProcessWorker: false,
    })
  })

  // The shortest timeouts, so that the lease's own bounds are what is tested.
  const FAST = { MMS_SEND_TIMEOUT_MS: '100', MMS_CONNECT_TIMEOUT_MS: '100' }

  describe.each([
    ['MMS_SEND_WAIT_MS', 0, 10_000],
    ['MMS_QUEUE_TTL_SECONDS', 10, 259_200],
    ['MMS_QUEUE_LEASE_SECONDS', 2, 3_600],
    ['MMS_WORKER_CONCURRENCY', 1, 256],
    ['MMS_WORKER_POLL_MS', 10, 60_000],
  ] as const)('%s', (name, min, max) => {
    it.each([String(min), String(max)])('accepts the bound %s', (raw) => {
      expect(() =>
        readMmsConfig({ ...VALID_ENV, ...FAST, [name]: raw })
      ).not.toThrow()
    })

    it.each([String(min - 1), String(max + 1), '1.5', 'soon'])(
      'refuses %j',
      (raw) => {
        expect(
          configErrorFor({ ...VALID_ENV, ...FAST, [name]: raw }).problems
        ).toEqual([
          `${name} must be a whole number from ${min} to ${max} (got "${raw}").`,
        ])
      }
    )
  })

  it.each(['yes', '1', 'TRUE'])('refuses MMS_IN_PROCESS_WORKER=%s', (raw) => {
    expect(
      configErrorFor({ ...VALID_ENV, MMS_IN_PROCESS_WORKER: raw }).problems
    ).toEqual([`MMS_IN_PROCESS_WORKER must be true or false (got "${raw}").`])
  })

  it('refuses a lease that a send could outlast: a message still in flight would be declared UNKNOWN', () => {
    // 10 s to answer and 3 s to connect by default: the lease must pass 14 s.
    expect(
      configErrorFor({ ...VALID_ENV, MMS_QUEUE_LEASE_SECONDS: '14' }).problems
    ).toEqual([
      'MMS_QUEUE_LEASE_SECONDS (14) must be longer than MMS_SEND_TIMEOUT_MS plus MMS_CONNECT_TIMEOUT_MS plus 1 s (14 s).',
    ])
    expect(
      readMmsConfig({ ...VALID_ENV, MMS_QUEUE_LEASE_SECONDS: '15' }).queue
        .leaseMs
    ).toBe(15_000)
    expect(
      configErrorFor({ ...VALID_ENV, MMS_SEND_TIMEOUT_MS: '120000' }).problems
    ).toEqual([
      'MMS_QUEUE_LEASE_SECONDS (60) must be longer than MMS_SEND_TIMEOUT_MS plus MMS_CONNECT_TIMEOUT_MS plus 1 s (124 s).',
    ])
  })
})
