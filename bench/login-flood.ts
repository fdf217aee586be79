/**
 * Does a flood of wrong-password log-ins starve sendMms? Starts the
 * production build against the local sandbox, then runs sendMms from 8
 * concurrent callers for a fixed time: alone, during a flood from one
 * address (throttled after a few attempts), and during a flood spread over
 * many addresses and unknown accounts, in which every attempt costs a full
 * scrypt hash. Prints sends per second and latency in each phase and the
 * ratio to sends alone.
 *
 *   node_modules/.bin/tsx bench/login-flood.ts [--seconds 10] [--no-build]
 */
import { parseArgs } from 'node:util'

import { hashPassword as dbAuthHashPassword } from '@redwoodjs/auth-dbauth-api'

import {
  addToSummary,
  machine,
  percentile,
  runFor,
  signUpWithApiKey,
  startApp,
} from './support'

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    'no-build': { type: 'boolean', default: false },
  },
})
const phaseMs = Number(values.seconds) * 1000
const SENDERS = 8
const FLOODERS = 32

const SEND_MUTATION = `mutation SendMms($destinationPhoneNumber: String!, $mediaUrls: [String!], $messageBody: String) {
  sendMms(destinationPhoneNumber: $destinationPhoneNumber, mediaUrls: $mediaUrls, messageBody: $messageBody) { messageId status }
}`

const main = async () => {
  const app = await startApp({
    build: !values['no-build'],
    env: {
      SIGNUP_POLICY: 'open',
      // The flood spread over addresses comes through X-Forwarded-For.
      TRUST_PROXY: 'true',
      MMS_USER_RATE_PER_MINUTE: '1000000',
      MMS_USER_DAILY_QUOTA: '1000000',
      MMS_API_KEY_RATE_PER_MINUTE: '1000000',
      MMS_API_KEY_DAILY_QUOTA: '1000000',
    },
  })
  try {
    const email = 'bench@example.org'
    const { apiKey } = await signUpWithApiKey(
      app.apiUrl,
      email,
      'bench-password-1'
    )

    let n = 0
    const send = async () => {
      const response = await fetch(`${app.apiUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${apiKey}`,
        },
        body: JSON.stringify({
          query: SEND_MUTATION,
          variables: {
            destinationPhoneNumber: '+14254147755',
            mediaUrls: ['s3://mms-media-local/samples/sample.png'],
            messageBody: `bench ${n++}`,
          },
        }),
      })
      const body = (await response.json()) as {
        data?: { sendMms?: { status: string } }
        errors?: Array<{ extensions?: { code?: string } }>
      }
      return (
        body.data?.sendMms?.status ??
        body.errors?.[0]?.extensions?.code ??
        String(response.status)
      )
    }
    const login = (username: string, forwardedFor?: string) => async () => {
      const response = await fetch(`${app.apiUrl}/auth`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
        body: JSON.stringify({
          method: 'login',
          username,
          password: 'wrong-password',
        }),
      })
      await response.arrayBuffer()
      return String(response.status)
    }
    // Header values only, from the documentation prefix: no traffic goes there.
    const randomAddress = () =>
      `2001:db8::${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`
    const floods = {
      'one address, one account': login(email),
      'spread over addresses and accounts': async () =>
        login(
          `nobody-${Math.random().toString(36).slice(2)}@example.org`,
          randomAddress()
        )(),
    }

    // One caller at a time on /health, which does no I/O: its latency is
    // how long the api's event loop keeps a request waiting.
    const health = async () => {
      const response = await fetch(`${app.apiUrl}/health`)
      await response.arrayBuffer()
      return String(response.status)
    }
    type Run = Awaited<ReturnType<typeof runFor>>
    const phase = (flood?: () => Promise<string>) =>
      Promise.all([
        runFor(phaseMs, SENDERS, send),
        runFor(phaseMs, 1, health),
        flood ? runFor(phaseMs, FLOODERS, flood) : Promise.resolve(undefined),
      ])

    await runFor(2000, SENDERS, send) // warm-up
    const [alone, aloneHealth] = await phase()
    const ms = (run: Run, p: number) => percentile(run.latencies, p).toFixed(1)
    const report = (
      name: string,
      [sends, probe, logins]: [Run, Run, Run | undefined]
    ) => {
      console.info(
        [
          `${name}:`,
          `  sendMms   ${sends.perSecond.toFixed(1)}/s = ${(sends.perSecond / alone.perSecond).toFixed(2)}x alone; p50 ${ms(sends, 50)} ms, p99 ${ms(sends, 99)} ms; ${JSON.stringify(Object.fromEntries(sends.outcomes))}`,
          `  /health   p50 ${ms(probe, 50)} ms, p99 ${ms(probe, 99)} ms (alone: p99 ${ms(aloneHealth, 99)} ms)`,
          logins
            ? `  log-ins   ${logins.perSecond.toFixed(1)}/s; answers ${JSON.stringify(Object.fromEntries(logins.outcomes))}`
            : '',
        ]
          .filter(Boolean)
          .join('\n')
      )
    }
    // The reference: dbAuth's own handler hashes each attempt with
    // scryptSync, which holds the event loop for the whole hash.
    const samples = 20
    const started = performance.now()
    for (let i = 0; i < samples; i++) dbAuthHashPassword('wrong-password')
    const syncHashMs = (performance.now() - started) / samples
    console.info(
      `\nLogin flood: ${SENDERS} sendMms callers, ${FLOODERS} flooding callers, ${phaseMs / 1000} s a phase`
    )
    console.info(
      `Reference: dbAuth's hashPassword (scryptSync) holds the event loop ${syncHashMs.toFixed(1)} ms per log-in attempt\n`
    )
    console.info(machine())
    report('sends alone', [alone, aloneHealth, undefined])
    const shares: string[] = []
    for (const [name, attempt] of Object.entries(floods)) {
      const during = await phase(attempt)
      report(`during a flood from ${name}`, during)
      shares.push(
        `${(during[0].perSecond / alone.perSecond).toFixed(2)}× (${name})`
      )
    }
    addToSummary([
      `login-flood: sendMms alone ${alone.perSecond.toFixed(1)}/s; during floods ${shares.join(', ')}`,
    ])
  } finally {
    await app.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
