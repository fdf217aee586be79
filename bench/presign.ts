/**
 * What does one preview link cost? The history page presigns a download link
 * per message. Times, per link, the SDK's getSignedUrl (a whole GetObject
 * through the client's middleware, as the app did before) against the app's
 * presignDownload (api/src/lib/s3.ts: the bucket's endpoint resolved once,
 * each link a presigned GET), on the app's own S3 client; both sign the same
 * link. No network is involved.
 *
 *   node_modules/.bin/tsx bench/presign.ts [--links 20000]
 */
import { parseArgs } from 'node:util'

import { GetObjectCommand } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'

import {
  createS3Client,
  PRESIGNED_URL_TTL_SECONDS,
  presignDownload,
} from '../api/src/lib/s3'

import { addToSummary, machine } from './support'

const { values } = parseArgs({
  options: {
    links: { type: 'string', default: '20000' },
    // As the others take it (bench/all.ts); this one builds nothing.
    'no-build': { type: 'boolean', default: false },
  },
})
const LINKS = Number(values.links)

process.env.AWS_ACCESS_KEY_ID ??= 'bench'
process.env.AWS_SECRET_ACCESS_KEY ??= 'bench'
const client = createS3Client('us-east-1')
const location = (n: number) => ({
  bucket: 'mms-media-local',
  key: `uploads/7/0f0e0d0c-0b0a-4908-8706-${String(n).padStart(12, '0')}/cat.png`,
})

const viaSdk = (n: number) => {
  const { bucket, key } = location(n)
  return getSignedUrl(
    client,
    new GetObjectCommand({ Bucket: bucket, Key: key }),
    {
      expiresIn: PRESIGNED_URL_TTL_SECONDS,
    }
  )
}
const viaApp = (n: number) => presignDownload(location(n), client)

/** Microseconds per link over `LINKS` links, after a warm-up. */
const perLink = async (sign: (n: number) => Promise<string>) => {
  for (let n = 0; n < 2_000; n++) await sign(n)
  const started = performance.now()
  for (let n = 0; n < LINKS; n++) await sign(n)
  return ((performance.now() - started) * 1000) / LINKS
}

const main = async () => {
  const load = machine()
  // Alternated twice, so that neither has the machine to itself.
  const sdk = [await perLink(viaSdk)]
  const app = [await perLink(viaApp)]
  sdk.push(await perLink(viaSdk))
  app.push(await perLink(viaApp))
  const best = (runs: number[]) => Math.min(...runs)
  console.info(
    [
      '',
      `Preview links: ${LINKS} presigned GetObject links, twice each way, one at a time on the app's S3 client (best run)`,
      load,
      `  getSignedUrl (the SDK's middleware per link): ${best(sdk).toFixed(1)} µs per link (runs ${sdk.map((us) => us.toFixed(1)).join(', ')})`,
      `  presignDownload (endpoint resolved once per bucket): ${best(app).toFixed(1)} µs per link (runs ${app.map((us) => us.toFixed(1)).join(', ')})`,
      `  ${(best(sdk) / best(app)).toFixed(1)}× faster; a page of 20 links: ${((best(sdk) * 20) / 1000).toFixed(2)} ms → ${((best(app) * 20) / 1000).toFixed(2)} ms`,
    ].join('\n')
  )
  addToSummary([
    `presign: ${best(sdk).toFixed(1)} µs per link with getSignedUrl, ${best(app).toFixed(1)} µs with presignDownload (${(best(sdk) / best(app)).toFixed(1)}×)`,
  ])
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
