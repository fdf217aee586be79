import React, { type CSSProperties, type ReactNode } from 'react'

// Inline styles only: many mail clients drop <style> blocks.
export const styles = {
  body: {
    margin: 0,
    padding: '24px 12px',
    backgroundColor: '#f4f4f5',
    color: '#18181b',
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    fontSize: '16px',
    lineHeight: '1.5',
  },
  card: {
    maxWidth: '520px',
    margin: '0 auto',
    padding: '24px',
    backgroundColor: '#ffffff',
    borderRadius: '8px',
  },
  heading: { margin: '0 0 16px', fontSize: '22px', lineHeight: '1.3' },
  text: { margin: '0 0 16px' },
  small: {
    margin: '0 0 12px',
    fontSize: '14px',
    color: '#52525b',
    overflowWrap: 'anywhere',
  },
  button: {
    display: 'inline-block',
    padding: '12px 20px',
    backgroundColor: '#0a63d1',
    color: '#ffffff',
    borderRadius: '6px',
    fontWeight: 600,
    textDecoration: 'none',
  },
  link: { color: '#0a63d1' },
} satisfies Record<string, CSSProperties>

export function EmailLayout({
  title,
  children,
}: {
  title: string
  children: ReactNode
}) {
  return (
    <html lang="en">
      <head>
        <meta httpEquiv="Content-Type" content="text/html; charset=UTF-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body style={styles.body}>
        <div style={styles.card}>
          <h1 style={styles.heading}>{title}</h1>
          {children}
        </div>
      </body>
    </html>
  )
}

export function LinkButton({
  href,
  children,
}: {
  href: string
  children: ReactNode
}) {
  return (
    <p style={styles.text}>
      <a href={href} style={styles.button}>
        {children}
      </a>
    </p>
  )
}
