import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

import { db } from 'src/lib/db'

import { GIVE_UP_AFTER_MS } from './backoff'
import { claimDelivery } from './deliveryStore'
import { checkWebhookUrl, type DestinationPolicy } from './destinationPolicy'
import {
  deliverClaimedWebhook,
  WebhookDispatcher,
  type DeliverDeps,
} from './dispatcher'
import type { StandardScenario } from './dispatcher.scenarios'
import { CURRENT_SECRET } from './enqueue.scenarios'
import type { Resolver } from './resolveDestination'

const SANDBOX: DestinationPolicy = { sandbox: true }
const PRODUCTION: DestinationPolicy = { sandbox: false }
const OWNER = 'dispatcher-a'

/** The README's verification snippet, as a receiver runs it. */
const verifyMmsSignature = (() => {
  const readme = readFileSync(
    path.resolve(__dirname, '../../../../README.md'),
    'utf8'
  )
  const section = readme.slice(readme.indexOf('### Status webhooks'))
  const [, code] = /```js\n([\s\S]*?)```/.exec(section) ?? []
  return new Function('require', `${code}\nreturn verifyMmsSignature`)(
    require
  ) as (secret: string, body: string, header: string) => boolean
})()

interface Received {
  method?: string
  url?: string
  headers: http.IncomingHttpHeaders
  body: string
}

/** A receiver on 127.0.0.1 answering each request with the next status given. */
const receiver = async (
  answers: (number | 'never' | { redirect: string })[]
) => {
  const received: Received[] = []
  const server = http.createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      received.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body,
      })
      const answer = answers.shift() ?? 200
      if (answer === 'never') return
      if (typeof answer === 'object') {
        response.writeHead(302, { Location: answer.redirect }).end()
        return
      }
      response.writeHead(answer).end('{"ok":true}')
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    port,
    received,
    url: (host = '127.0.0.1', pathname = '/hooks/mms') =>
      `http://${host}:${port}${pathname}`,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    },
  }
}

type Receiver = Awaited<ReturnType<typeof receiver>>
let open: Receiver[] = []
const listen = async (answers: Parameters<typeof receiver>[0]) => {
  const server = await receiver(answers)
  open.push(server)
  return server
}
afterEach(async () => {
  await Promise.all(open.map((server) => server.close()))
  open = []
})

/** A pending delivery of message `sent` to `url`, written at `createdAtMs`. */
const pendingDelivery = async (
  scenario: StandardScenario,
  url: string,
  createdAtMs: number,
  overrides: { endpointId?: string | null; apiKeyId?: string | null } = {}
) => {
  const id = randomUUID()
  const payload = JSON.stringify({
    id,
    type: 'message.status',
    createdAt: new Date(createdAtMs).toISOString(),
    data: { id: 'sent', status: 'DELIVERED' },
  })
  return db.webhookDelivery.create({
    data: {
      id,
      messageId: 'sent',
      apiKeyId: scenario.apiKey.hooked.id,
      endpointId: scenario.webhookEndpoint.current.id,
      status: 'DELIVERED',
      url,
      payload,
      nextAttemptAt: new Date(createdAtMs),
      createdAt: new Date(createdAtMs),
      ...overrides,
    },
  })
}

/** Claims a due delivery at `nowMs` as a dispatcher would, and attempts it. */
const attemptAt = async (
  id: string,
  nowMs: number,
  deps: Partial<DeliverDeps> = {}
) => {
  expect(await claimDelivery(id, OWNER, nowMs, 60_000)).toBe(true)
  await deliverClaimedWebhook(id, {
    owner: OWNER,
    policy: SANDBOX,
    timeoutMs: 2_000,
    now: () => nowMs,
    random: () => 1,
    ...deps,
  })
  return db.webhookDelivery.findUniqueOrThrow({
    where: { id },
    include: { attemptLog: { orderBy: { number: 'asc' } } },
  })
}

/** A resolver that answers from a table and records what it was asked. */
const resolverOf = (table: Record<string, string[]>) => {
  const asked: string[] = []
  const resolve: Resolver = async (hostname) => {
    asked.push(hostname)
    const addresses = table[hostname]
    if (!addresses) {
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' })
    }
    return addresses.map((address) => ({
      address,
      family: address.includes(':') ? 6 : 4,
    }))
  }
  return { resolve, asked }
}

describe('deliverClaimedWebhook', () => {
  scenario(
    'retries a 500 after its backoff and ends delivered on the 200, with both attempts recorded',
    async (scenario: StandardScenario) => {
      const server = await listen([500, 200])
      const t0 = Date.now()
      const delivery = await pendingDelivery(scenario, server.url(), t0)

      const afterFirst = await attemptAt(delivery.id, t0)
      expect(afterFirst).toMatchObject({
        attempts: 1,
        lastResponseStatus: 500,
        lastErrorCode: null,
        // The first wait, at its longest (random() = 1): 10 s.
        nextAttemptAt: new Date(t0 + 10_000),
        deliveredAt: null,
        failedAt: null,
        leaseOwner: null,
      })
      // Not due before its time.
      expect(await claimDelivery(delivery.id, OWNER, t0 + 9_999, 60_000)).toBe(
        false
      )

      const afterSecond = await attemptAt(delivery.id, t0 + 10_000)
      expect(afterSecond).toMatchObject({
        attempts: 2,
        lastResponseStatus: 200,
        nextAttemptAt: null,
        deliveredAt: new Date(t0 + 10_000),
        failedAt: null,
      })
      expect(
        afterSecond.attemptLog.map((a) => [
          a.number,
          a.startedAt.getTime(),
          a.responseStatus,
          a.errorCode,
        ])
      ).toEqual([
        [1, t0, 500, null],
        [2, t0 + 10_000, 200, null],
      ])

      // Both requests: the stored payload, signed with the endpoint's secret.
      expect(server.received).toHaveLength(2)
      for (const request of server.received) {
        expect(request.method).toBe('POST')
        expect(request.url).toBe('/hooks/mms')
        expect(request.body).toBe(delivery.payload)
        expect(request.headers['content-type']).toBe('application/json')
        expect(request.headers['x-mms-delivery-id']).toBe(delivery.id)
        expect(
          verifyMmsSignature(
            CURRENT_SECRET,
            request.body,
            String(request.headers['x-mms-signature'])
          )
        ).toBe(true)
      }
      // Each attempt is signed when it is made.
      expect(server.received[1].headers['x-mms-signature']).toMatch(
        new RegExp(`^t=${Math.floor((t0 + 10_000) / 1000)},v1=[0-9a-f]{64}$`)
      )
      expect(
        verifyMmsSignature(
          'whsec_alice-old',
          server.received[0].body,
          String(server.received[0].headers['x-mms-signature'])
        )
      ).toBe(false)
    }
  )

  scenario(
    'signs a statusCallbackUrl delivery with the key’s current webhook secret',
    async (scenario: StandardScenario) => {
      const server = await listen([204])
      const t0 = Date.now()
      const delivery = await pendingDelivery(scenario, server.url(), t0, {
        endpointId: null,
      })

      expect((await attemptAt(delivery.id, t0)).deliveredAt).not.toBeNull()
      const [request] = server.received
      expect(
        verifyMmsSignature(
          CURRENT_SECRET,
          request.body,
          String(request.headers['x-mms-signature'])
        )
      ).toBe(true)
    }
  )

  scenario(
    'does not follow a redirect: a 302 is an answer that is not 2xx',
    async (scenario: StandardScenario) => {
      const elsewhere = await listen([200])
      const server = await listen([{ redirect: elsewhere.url() }])
      const t0 = Date.now()
      const delivery = await pendingDelivery(scenario, server.url(), t0)

      expect(await attemptAt(delivery.id, t0)).toMatchObject({
        attempts: 1,
        lastResponseStatus: 302,
        deliveredAt: null,
        nextAttemptAt: new Date(t0 + 10_000),
      })
      expect(elsewhere.received).toHaveLength(0)
    }
  )

  scenario(
    'gives up an unanswered delivery at its time limit, and retries in the meantime',
    async (scenario: StandardScenario) => {
      const server = await listen(['never', 'never'])
      const t0 = Date.now()
      const delivery = await pendingDelivery(scenario, server.url(), t0)

      const timedOut = await attemptAt(delivery.id, t0, { timeoutMs: 200 })
      expect(timedOut).toMatchObject({
        attempts: 1,
        lastResponseStatus: null,
        lastErrorCode: 'TIMEOUT',
        nextAttemptAt: new Date(t0 + 10_000),
      })
      expect(timedOut.attemptLog[0]).toMatchObject({
        responseStatus: null,
        errorCode: 'TIMEOUT',
      })
    }
  )

  scenario(
    'fails after a day without a 2xx, the last try falling at the day’s end',
    async (scenario: StandardScenario) => {
      const server = await listen([503, 503])
      const t0 = Date.now()
      const createdAt = t0 - GIVE_UP_AFTER_MS + 5_000
      const delivery = await pendingDelivery(scenario, server.url(), createdAt)

      const lastChance = await attemptAt(delivery.id, t0)
      expect(lastChance.nextAttemptAt).toEqual(
        new Date(createdAt + GIVE_UP_AFTER_MS)
      )
      const given = await attemptAt(delivery.id, createdAt + GIVE_UP_AFTER_MS)
      expect(given).toMatchObject({
        attempts: 2,
        lastResponseStatus: 503,
        nextAttemptAt: null,
        deliveredAt: null,
        failedAt: new Date(createdAt + GIVE_UP_AFTER_MS),
      })
    }
  )

  scenario(
    'sends nothing to an endpoint removed or replaced since, nor unsigned',
    async (scenario: StandardScenario) => {
      const server = await listen([])
      const t0 = Date.now()
      const toOld = await pendingDelivery(scenario, server.url(), t0, {
        endpointId: scenario.webhookEndpoint.replaced.id,
      })
      const unsigned = await pendingDelivery(scenario, server.url(), t0, {
        endpointId: null,
        apiKeyId: scenario.apiKey.bare.id,
      })

      expect(await attemptAt(toOld.id, t0)).toMatchObject({
        attempts: 0,
        lastErrorCode: 'ENDPOINT_REMOVED',
        failedAt: new Date(t0),
        attemptLog: [],
      })
      expect(await attemptAt(unsigned.id, t0)).toMatchObject({
        attempts: 0,
        lastErrorCode: 'NO_SIGNING_SECRET',
        failedAt: new Date(t0),
      })
      expect(server.received).toHaveLength(0)
    }
  )
})

describe('deliverClaimedWebhook outside the sandbox', () => {
  scenario(
    'requires https: an http URL is refused without a request',
    async (scenario: StandardScenario) => {
      const server = await listen([200])
      const t0 = Date.now()
      const delivery = await pendingDelivery(scenario, server.url(), t0)

      expect(
        await attemptAt(delivery.id, t0, { policy: PRODUCTION })
      ).toMatchObject({
        attempts: 1,
        lastErrorCode: 'URL_REFUSED',
        failedAt: new Date(t0),
        deliveredAt: null,
      })
      expect(server.received).toHaveLength(0)
    }
  )

  scenario(
    'resolves the host at delivery time and refuses a name that now points at loopback',
    async (scenario: StandardScenario) => {
      const server = await listen([200])
      const { resolve, asked } = resolverOf({
        'hooks.example.test': ['127.0.0.1'],
      })
      const url = `https://hooks.example.test:${server.port}/hooks/mms`
      // Registered as a public name, it passed the check at registration.
      expect(checkWebhookUrl(url, PRODUCTION).ok).toBe(true)
      const t0 = Date.now()
      const delivery = await pendingDelivery(scenario, url, t0)

      expect(
        await attemptAt(delivery.id, t0, { policy: PRODUCTION, resolve })
      ).toMatchObject({
        attempts: 1,
        lastResponseStatus: null,
        lastErrorCode: 'ADDRESS_REFUSED',
        failedAt: new Date(t0),
      })
      expect(asked).toEqual(['hooks.example.test'])
      expect(server.received).toHaveLength(0)
    }
  )

  const refusedAnswers: [string, string[]][] = [
    ['the cloud metadata address', ['169.254.169.254']],
    ['AWS’s IPv6 metadata address', ['fd00:ec2::254']],
    ['a private address', ['10.0.0.7']],
    ['IPv6 loopback', ['::1']],
    ['an IPv4-mapped loopback address', ['::ffff:127.0.0.1']],
    ['a public address and a private one', ['93.184.216.34', '192.168.0.10']],
    ['carrier-grade NAT', ['100.64.1.1']],
  ]
  for (const [what, addresses] of refusedAnswers) {
    scenario(
      `refuses a name that resolves to ${what}`,
      async (scenario: StandardScenario) => {
        const { resolve } = resolverOf({ 'hooks.example.test': addresses })
        const t0 = Date.now()
        const delivery = await pendingDelivery(
          scenario,
          'https://hooks.example.test/hooks/mms',
          t0
        )
        expect(
          (await attemptAt(delivery.id, t0, { policy: PRODUCTION, resolve }))
            .lastErrorCode
        ).toBe('ADDRESS_REFUSED')
      }
    )
  }

  scenario(
    'refuses localhost and literal private addresses, whatever DNS says',
    async (scenario: StandardScenario) => {
      const { resolve, asked } = resolverOf({})
      const t0 = Date.now()
      for (const url of [
        'https://localhost/hooks',
        'https://127.0.0.1/hooks',
        'https://[::1]/hooks',
        'https://169.254.169.254/latest/meta-data/',
      ]) {
        const delivery = await pendingDelivery(scenario, url, t0)
        expect(
          (await attemptAt(delivery.id, t0, { policy: PRODUCTION, resolve }))
            .lastErrorCode
        ).toBe('ADDRESS_REFUSED')
      }
      expect(asked).toEqual([])
    }
  )
})

describe('deliverClaimedWebhook in the sandbox', () => {
  scenario(
    'connects to the address it resolved and checked, not to a second lookup',
    async (scenario: StandardScenario) => {
      const server = await listen([200])
      // A name the system's DNS does not know: only the checked answer can reach the receiver.
      const { resolve, asked } = resolverOf({
        'pinned.example.test': ['127.0.0.1'],
      })
      const t0 = Date.now()
      const delivery = await pendingDelivery(
        scenario,
        server.url('pinned.example.test'),
        t0
      )

      expect(
        (await attemptAt(delivery.id, t0, { resolve })).deliveredAt
      ).toEqual(new Date(t0))
      expect(asked).toEqual(['pinned.example.test'])
      expect(server.received[0].headers.host).toBe(
        `pinned.example.test:${server.port}`
      )
    }
  )
})

describe('WebhookDispatcher', () => {
  scenario(
    'takes due deliveries from the outbox and stops cleanly',
    async (scenario: StandardScenario) => {
      const server = await listen([200, 200])
      const t0 = Date.now()
      const first = await pendingDelivery(scenario, server.url(), t0)
      const second = await pendingDelivery(scenario, server.url(), t0)
      // Not due for an hour: left alone.
      const later = await pendingDelivery(
        scenario,
        server.url(),
        t0 + 3_600_000
      )

      const dispatcher = new WebhookDispatcher({
        concurrency: 2,
        pollMs: 20,
        timeoutMs: 2_000,
        leaseMs: 30_000,
        policy: SANDBOX,
      }).start()
      try {
        const deadline = Date.now() + 5_000
        while (
          (await db.webhookDelivery.count({
            where: { deliveredAt: { not: null } },
          })) < 2 &&
          Date.now() < deadline
        ) {
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
      } finally {
        await dispatcher.stop()
      }

      const rows = await db.webhookDelivery.findMany({
        where: { id: { in: [first.id, second.id, later.id] } },
      })
      const byId = Object.fromEntries(rows.map((row) => [row.id, row]))
      expect(byId[first.id]).toMatchObject({ attempts: 1, leaseOwner: null })
      expect(byId[first.id].deliveredAt).not.toBeNull()
      expect(byId[second.id].deliveredAt).not.toBeNull()
      expect(byId[later.id]).toMatchObject({ attempts: 0, deliveredAt: null })
      expect(
        server.received.map((r) => r.headers['x-mms-delivery-id']).sort()
      ).toEqual([first.id, second.id].sort())
    }
  )
})
