import type { RestEvent } from './http'
import { startRestServer } from './restApi.fixtures'

// What the api server does with a body before a function sees it.

const echo = jest.fn(async (event: RestEvent) => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ body: event.body }),
}))

const post = (origin: string, contentType: string, body: string) =>
  fetch(`${origin}/echo`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body,
  })

afterEach(() => echo.mockClear())

describe('configureRestApiServer', () => {
  it('hands every body to the function as it came, malformed JSON and unknown types included', async () => {
    const server = await startRestServer({ echo })
    try {
      for (const [type, body] of [
        ['application/json', '{"a": '],
        ['application/json', ''],
        ['application/xml', '<a/>'],
        ['text/plain', '{"a": 1}'],
      ]) {
        const response = await post(server.origin, type, body)
        expect(response.status).toBe(200)
        expect(await response.json()).toEqual({ body })
      }
      expect(echo).toHaveBeenCalledTimes(4)
    } finally {
      await server.close()
    }
  })

  it('is needed: without it fastify answers malformed JSON and unknown types itself, in its own shape', async () => {
    const server = await startRestServer(
      { echo },
      { configureServer: async () => {} }
    )
    try {
      const malformed = await post(server.origin, 'application/json', '{"a": ')
      expect(malformed.status).toBe(400)
      const answer = await malformed.json()
      expect(answer).toMatchObject({ statusCode: 400, error: 'Bad Request' })
      expect(answer).not.toHaveProperty('success')
      const xml = await post(server.origin, 'application/xml', '<a/>')
      expect(xml.status).toBe(415)
      expect(echo).not.toHaveBeenCalled()
    } finally {
      await server.close()
    }
  })

  it('serves the OpenAPI document at /openapi.json, publicly', async () => {
    const server = await startRestServer({})
    try {
      const response = await fetch(`${server.origin}/openapi.json`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe(
        'application/json; charset=utf-8'
      )
      expect(await response.json()).toMatchObject({
        openapi: '3.1.0',
        paths: {
          '/send-mms': { post: expect.any(Object) },
          '/messages/{id}': { get: expect.any(Object) },
        },
      })
    } finally {
      await server.close()
    }
  })
})
