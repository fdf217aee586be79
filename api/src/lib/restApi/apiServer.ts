import type { FastifyInstance } from 'fastify'

import { openApiDocument } from './openApi'

/**
 * The REST api's part of Redwood's api server; pass it to createServer as
 * `configureApiServer` (it configures the functions' plugin, not GraphQL's).
 *
 * - Functions are handed the raw body (request.rawBody) and parse it
 *   themselves, but fastify's own JSON parser runs first and answers a
 *   malformed body, or a content type it has no parser for, with its own
 *   400 or 415. Every body is taken as text here, so /send-mms answers those
 *   in its JSON shape with a stable code.
 * - `GET /openapi.json`: a function's route name cannot contain ".js" (the
 *   loader strips the first ".js" of the file name), so the document is
 *   served here as well as by the openapi function (`GET /openapi`).
 */
export const configureRestApiServer = async (server: FastifyInstance) => {
  server.removeContentTypeParser('application/json')
  server.addContentTypeParser(
    ['application/json', '*'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body)
  )
  server.get('/openapi.json', async (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=300')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(openApiDocument))
  )
}
