import { jsonResult, openApiDocument, restFunction } from 'src/lib/restApi'

/**
 * `GET /openapi`: the REST api's OpenAPI 3.1 document (lib/restApi/openApi),
 * public. The api server also serves it at `/openapi.json`
 * (configureRestApiServer).
 */
export const handler = restFunction('openapi', [
  {
    path: /^\/?$/,
    auth: 'public',
    methods: {
      GET: async () =>
        jsonResult(200, openApiDocument, {
          'Cache-Control': 'public, max-age=300',
        }),
    },
  },
])
