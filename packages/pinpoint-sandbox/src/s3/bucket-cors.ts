export const DEFAULT_CORS_ORIGINS = [
  'http://localhost:8910',
  'http://127.0.0.1:8910',
]

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A bucket CORS rule that lets the web app PUT (presigned uploads) and GET from the given origins. */
export function corsConfigurationXml(origins: string[]): string {
  const allowedOrigins = origins
    .map((origin) => `<AllowedOrigin>${escapeXml(origin)}</AllowedOrigin>`)
    .join('')
  return (
    '<CORSConfiguration><CORSRule>' +
    allowedOrigins +
    '<AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedMethod>PUT</AllowedMethod>' +
    '<AllowedHeader>*</AllowedHeader>' +
    '<ExposeHeader>ETag</ExposeHeader>' +
    '<MaxAgeSeconds>3000</MaxAgeSeconds>' +
    '</CORSRule></CORSConfiguration>'
  )
}
