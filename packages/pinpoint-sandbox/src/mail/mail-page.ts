import { escapeHtml } from '../http/http-utils.ts'

import type { CaughtMail } from './mail-store.ts'

const REFRESH_INTERVAL_MS = 2000

export interface MailPageModel {
  messages: CaughtMail[]
  version: number
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/g
// Punctuation that ends a sentence around a link rather than belonging to it.
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/

/** Escapes `text` and turns each http(s) address in it into a link. */
export function linkify(text: string): string {
  let html = ''
  let last = 0
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '')
    const start = match.index
    html += escapeHtml(text.slice(last, start))
    html += `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`
    last = start + url.length
  }
  return html + escapeHtml(text.slice(last))
}

function timeOfDay(iso: string): string {
  return `${iso.slice(11, 19)} UTC`
}

export function mailSummary(messages: CaughtMail[]): string {
  return `${messages.length} message${messages.length === 1 ? '' : 's'}`
}

function renderMessage(message: CaughtMail, index: number): string {
  const headingId = `mail-${index}`
  const subject = message.subject || '(no subject)'
  const text = message.text.trim()
    ? `<p class="text">${linkify(message.text.trimEnd())}</p>`
    : '<p class="text empty-text">(no text part)</p>'
  const htmlLink = message.html
    ? ` · <a href="/_mail/messages/${encodeURIComponent(message.id)}.html">HTML part</a>`
    : ''
  return (
    `<article class="mail" aria-labelledby="${headingId}">` +
    `<h2 id="${headingId}">${escapeHtml(subject)}</h2>` +
    '<dl class="meta">' +
    `<dt>To</dt><dd>${escapeHtml(message.to.join(', '))}</dd>` +
    `<dt>From</dt><dd>${escapeHtml(message.from)}</dd>` +
    `<dt>Received</dt><dd><time datetime="${escapeHtml(message.receivedAt)}">${escapeHtml(timeOfDay(message.receivedAt))}</time>${htmlLink}</dd>` +
    '</dl>' +
    text +
    '</article>'
  )
}

/** The part of the page that auto-refresh replaces. */
export function renderMailList({
  messages,
}: Pick<MailPageModel, 'messages'>): string {
  if (messages.length === 0) {
    return '<p class="empty">No mail yet. Invitations and password resets the app sends appear here.</p>'
  }
  return messages.map(renderMessage).join('')
}

const STYLES = `
:root { color-scheme: light dark; --bg: #f2f2f7; --card: #fff; --ink: #1c1c1e; --muted: #5f5f66; --accent: #0a63d1;
  --line: #d1d1d6; }
@media (prefers-color-scheme: dark) { :root { --bg: #000; --card: #1c1c1e; --ink: #f2f2f7; --muted: #a1a1a8;
  --line: #38383a; --accent: #6ea8ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--ink); }
header.top { padding: 1rem 1rem .25rem; max-width: 48rem; margin: 0 auto; }
h1 { margin: 0 0 .25rem; font-size: 1.5rem; }
header.top p { margin: .25rem 0; color: var(--muted); }
button { font: inherit; padding: .25rem .75rem; border-radius: 999px; border: 1px solid var(--line); background: var(--card); color: inherit; cursor: pointer; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
main { display: flex; flex-direction: column; gap: 1rem; padding: 1rem 1rem 2rem; max-width: 48rem; margin: 0 auto; }
.mail { background: var(--card); border: 1px solid var(--line); border-radius: 16px; padding: .75rem 1rem 1rem; }
.mail h2 { margin: 0 0 .5rem; font-size: 1.1rem; overflow-wrap: anywhere; }
.meta { display: grid; grid-template-columns: auto 1fr; gap: .1rem .75rem; margin: 0 0 .75rem; font-size: .85rem; color: var(--muted); }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.empty-text, .empty { color: var(--muted); }
`

function refreshScript(version: number): string {
  return `
(() => {
  const list = document.getElementById('mail');
  const live = document.getElementById('summary');
  let version = ${version};
  async function refresh() {
    try {
      const response = await fetch('/?partial=1&since=' + version, { cache: 'no-store' });
      if (response.status === 200) {
        list.innerHTML = await response.text();
        version = Number(response.headers.get('X-Mail-Version'));
        live.textContent = response.headers.get('X-Mail-Summary');
      }
    } catch {}
    setTimeout(refresh, ${REFRESH_INTERVAL_MS});
  }
  setTimeout(refresh, ${REFRESH_INTERVAL_MS});
  document.getElementById('clear').addEventListener('click', async () => {
    if (!confirm('Delete every message the mail catcher received?')) return;
    const response = await fetch('/_mail/messages', { method: 'DELETE' });
    await response.text();
    location.reload();
  });
})();`
}

export function renderMailPage(model: MailPageModel, nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox mail</title>
<noscript><meta http-equiv="refresh" content="5"></noscript>
<style nonce="${nonce}">${STYLES}</style>
</head>
<body>
<header class="top">
<h1>Sandbox mail</h1>
<p>Email the app sent to the local mail catcher, newest first. None of it reached a real mailbox. The page refreshes itself.</p>
<p id="summary" role="status" aria-live="polite">${escapeHtml(mailSummary(model.messages))}</p>
<button type="button" id="clear">Clear mail</button>
</header>
<main id="mail" aria-label="Received mail">${renderMailList(model)}</main>
<script nonce="${nonce}">${refreshScript(model.version)}</script>
</body>
</html>
`
}
