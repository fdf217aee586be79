import type { Server } from 'node:http'
import { createRequire } from 'node:module'

/** The parts of s3rver 3.x (untyped CommonJS) that this package uses. */
export interface S3rverOptions {
  address: string
  port: number
  directory: string
  silent: boolean
  vhostBuckets: boolean
  resetOnClose: boolean
  configureBuckets: Array<{ name: string; configs?: string[] }>
}

export interface KoaContext {
  method: string
  path: string
  query: Record<string, string | string[] | undefined>
  req: NodeJS.ReadableStream & {
    headers: Record<string, string | string[] | undefined>
  }
  params?: Record<string, string>
}

export type KoaMiddleware = (
  ctx: KoaContext,
  next: () => Promise<void>
) => Promise<void>

export interface S3rverInstance {
  middleware: KoaMiddleware[]
  run(): Promise<{ address: string; port: number }>
  close(): Promise<void>
  httpServer?: Server
}

export interface S3rverModule {
  S3rver: new (options: S3rverOptions) => S3rverInstance
  S3Error: new (
    code: string,
    message: string,
    detail?: Record<string, string>
  ) => Error
  corsMiddleware: () => KoaMiddleware
}

let loaded: S3rverModule | undefined

/**
 * Loads s3rver once per process.
 *
 * Two adjustments are made before use:
 * - Under tsx's CommonJS hook, koa's dependency `generator-function` resolves to
 *   its `require.mjs` entry and comes back as a namespace object instead of the
 *   function it exports as `module.exports`, which makes `new S3rver()` throw.
 *   The cached module is pointed at the function before koa is loaded.
 * - s3rver only knows the access key `S3RVER`. A local stand-in should accept
 *   whatever dummy credentials the app is configured with, so unknown access
 *   keys map to s3rver's single built-in account (it does not verify SigV4
 *   signatures in any case). This affects every s3rver in the process.
 */
export function loadS3rver(): S3rverModule {
  if (loaded) return loaded
  const requireHere = createRequire(import.meta.url)
  const requireFromS3rver = createRequire(requireHere.resolve('s3rver'))
  const requireFromKoa = createRequire(requireFromS3rver.resolve('koa'))
  const requireFromIsGenerator = createRequire(
    requireFromKoa.resolve('is-generator-function')
  )
  const generatorFunction: unknown =
    requireFromIsGenerator('generator-function')
  if (typeof generatorFunction !== 'function') {
    const cached =
      requireFromIsGenerator.cache[
        requireFromIsGenerator.resolve('generator-function')
      ]
    const namespace = generatorFunction as Record<string, unknown>
    const fn = namespace['module.exports'] ?? namespace.default
    if (!cached || typeof fn !== 'function') {
      throw new Error(
        'cannot load s3rver: unexpected shape of the generator-function module'
      )
    }
    cached.exports = fn
  }

  const S3rver = requireHere('s3rver') as S3rverModule['S3rver']
  const account = requireHere('s3rver/lib/models/account') as {
    registry: Map<string, unknown>
    DUMMY_ACCOUNT: unknown
  }
  const { registry, DUMMY_ACCOUNT } = account
  registry.get = (accessKeyId: string) =>
    Map.prototype.get.call(registry, accessKeyId) ?? DUMMY_ACCOUNT

  loaded = {
    S3rver,
    S3Error: requireHere('s3rver/lib/models/error') as S3rverModule['S3Error'],
    corsMiddleware: requireHere(
      's3rver/lib/middleware/cors'
    ) as S3rverModule['corsMiddleware'],
  }
  return loaded
}
