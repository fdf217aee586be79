import { safeRedirectPath } from './safeRedirect'

describe('safeRedirectPath', () => {
  it('follows a path on this site', () => {
    expect(safeRedirectPath('/messages?status=FAILED', '/')).toBe(
      '/messages?status=FAILED'
    )
  })

  it('refuses other sites, protocol-relative URLs and nothing at all', () => {
    expect(safeRedirectPath('https://evil.example/', '/')).toBe('/')
    expect(safeRedirectPath('//evil.example/', '/')).toBe('/')
    expect(safeRedirectPath('javascript:alert(1)', '/')).toBe('/')
    expect(safeRedirectPath(undefined, '/')).toBe('/')
  })
})
