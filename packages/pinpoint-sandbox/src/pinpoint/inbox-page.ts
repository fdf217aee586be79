import { escapeHtml } from '../http/http-utils.ts'

import type { InboxMessage } from './inbox.ts'

const REFRESH_INTERVAL_MS = 2000

export interface InboxPageModel {
  messages: InboxMessage[]
  /** All destinations with messages, for the conversation list (unfiltered). */
  destinations: string[]
  destinationFilter?: string
  version: number
}

/** +14254147755 → +1 425 414 7755 (other numbers are shown as they are). */
export function formatPhoneNumber(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164)
  return nanp ? `+1 ${nanp[1]} ${nanp[2]} ${nanp[3]}` : e164
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`
}

function timeOfDay(iso: string): string {
  return iso.slice(11, 19)
}

function mediaUrl(uri: string): string {
  return `/_sandbox/media?uri=${encodeURIComponent(uri)}`
}

function fileName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1) || uri
}

function renderMedia(message: InboxMessage): string {
  return message.mediaUrls
    .map((uri) => {
      const info = message.media.find((m) => m.uri === uri)
      const type = info?.contentType ?? 'unknown type'
      const label = `${fileName(uri)} (${type}${info ? `, ${formatBytes(info.size)}` : ''})`
      const src = escapeHtml(mediaUrl(uri))
      let element: string
      if (type.startsWith('image/')) {
        element = `<img src="${src}" alt="Image attachment: ${escapeHtml(label)}" loading="lazy">`
      } else if (type.startsWith('video/')) {
        element = `<video src="${src}" controls preload="metadata" aria-label="Video attachment: ${escapeHtml(label)}"></video>`
      } else if (type.startsWith('audio/')) {
        element = `<audio src="${src}" controls preload="none" aria-label="Audio attachment: ${escapeHtml(label)}"></audio>`
      } else {
        element = `<a href="${src}">Attachment: ${escapeHtml(label)}</a>`
      }
      return `<figure class="media">${element}<figcaption>${escapeHtml(label)}</figcaption></figure>`
    })
    .join('')
}

const STATUS_TEXT: Record<InboxMessage['status'], string> = {
  DELIVERED: 'Delivered',
  FAILED: 'Not delivered',
  DRY_RUN: 'Dry run, not sent',
}

function renderDetails(message: InboxMessage): string {
  const rows: Array<[string, string]> = [
    ['MessageId', message.messageId],
    ['From', message.originationIdentity],
    ['Received', message.receivedAt],
    [
      'Status',
      `${message.status}${message.eventType ? ` (${message.eventType})` : ''}: ${message.statusDescription}`,
    ],
  ]
  if (message.configurationSetName)
    rows.push(['Configuration set', message.configurationSetName])
  if (message.timeToLive !== null)
    rows.push(['TimeToLive', `${message.timeToLive} s`])
  if (message.maxPrice !== null)
    rows.push(['MaxPrice', `USD ${message.maxPrice}`])
  if (message.protectConfigurationId)
    rows.push(['Protect configuration', message.protectConfigurationId])
  for (const [key, value] of Object.entries(message.context))
    rows.push([`Context ${key}`, value])
  for (const uri of message.mediaUrls) rows.push(['Media', uri])
  const items = rows
    .map(
      ([term, value]) =>
        `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`
    )
    .join('')
  return `<details><summary>Details</summary><dl>${items}</dl></details>`
}

function renderMessage(message: InboxMessage): string {
  const status = STATUS_TEXT[message.status]
  const statusClass = message.status.toLowerCase().replace('_', '-')
  const body =
    message.messageBody === null
      ? ''
      : `<p class="text">${escapeHtml(message.messageBody)}</p>`
  return (
    `<li class="message status-${statusClass}">` +
    `<div class="bubble">${renderMedia(message)}${body}</div>` +
    `<p class="meta"><time datetime="${escapeHtml(message.receivedAt)}">${timeOfDay(message.receivedAt)}</time>` +
    ` · <span class="status">${status}</span></p>` +
    renderDetails(message) +
    '</li>'
  )
}

export function renderConversations({
  messages,
}: Pick<InboxPageModel, 'messages'>): string {
  if (messages.length === 0) {
    return '<p class="empty">No messages yet. Send one with SendMediaMessage and it appears here.</p>'
  }
  const byDestination = new Map<string, InboxMessage[]>()
  for (const message of messages) {
    const thread = byDestination.get(message.destinationPhoneNumber) ?? []
    thread.push(message)
    byDestination.set(message.destinationPhoneNumber, thread)
  }
  return [...byDestination.entries()]
    .map(([destination, thread], index) => {
      const headingId = `conversation-${index}`
      const count = `${thread.length} message${thread.length === 1 ? '' : 's'}`
      return (
        `<section class="phone" aria-labelledby="${headingId}">` +
        `<h2 id="${headingId}"><span class="to">To</span> ${escapeHtml(formatPhoneNumber(destination))}` +
        ` <span class="count">${count}</span></h2>` +
        `<ol class="thread">${thread.map(renderMessage).join('')}</ol>` +
        '</section>'
      )
    })
    .join('')
}

export function inboxSummary(messages: InboxMessage[]): string {
  const conversations = new Set(messages.map((m) => m.destinationPhoneNumber))
    .size
  return `${messages.length} message${messages.length === 1 ? '' : 's'} in ${conversations} conversation${conversations === 1 ? '' : 's'}`
}

const STYLES = `
:root { color-scheme: light dark; --bg: #f2f2f7; --card: #fff; --ink: #1c1c1e; --muted: #5f5f66; --sent: #0a63d1;
  --sent-ink: #fff; --failed: #b3261e; --dry: #6b6b73; --line: #d1d1d6; }
@media (prefers-color-scheme: dark) { :root { --bg: #000; --card: #1c1c1e; --ink: #f2f2f7; --muted: #a1a1a8;
  --line: #38383a; --failed: #ff8a80; --dry: #8e8e93; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--ink); }
header.top { padding: 1rem 1.5rem .25rem; }
header.top button { margin-top: .25rem; }
h1 { margin: 0 0 .25rem; font-size: 1.5rem; }
header.top p { margin: .25rem 0; color: var(--muted); }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem; padding: 0 1.5rem; margin: .5rem 0; }
nav a { display: inline-block; padding: .25rem .75rem; border-radius: 999px; border: 1px solid var(--line); color: inherit; text-decoration: none; }
nav a[aria-current="page"] { background: var(--sent); border-color: var(--sent); color: var(--sent-ink); }
nav a:focus-visible, button:focus-visible, summary:focus-visible { outline: 3px solid var(--sent); outline-offset: 2px; }
button { font: inherit; padding: .25rem .75rem; border-radius: 999px; border: 1px solid var(--line); background: var(--card); color: inherit; cursor: pointer; }
main { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1.25rem; padding: 1rem 1.5rem 2rem; align-items: start; }
.phone { background: var(--card); border: 1px solid var(--line); border-radius: 28px; padding: 0 0 1rem; overflow: hidden; }
.phone h2 { margin: 0; padding: .9rem 1rem; font-size: 1.05rem; text-align: center; border-bottom: 1px solid var(--line); }
.phone h2 .to { color: var(--muted); font-weight: normal; }
.phone h2 .count { display: block; color: var(--muted); font-size: .8rem; font-weight: normal; }
.thread { list-style: none; margin: 0; padding: .75rem .75rem 0; display: flex; flex-direction: column; gap: .75rem; }
.message { display: flex; flex-direction: column; align-items: flex-end; }
.bubble { max-width: 85%; background: var(--sent); color: var(--sent-ink); border-radius: 18px 18px 4px 18px; padding: .5rem .75rem; overflow-wrap: anywhere; }
.status-failed .bubble { background: transparent; color: var(--ink); border: 2px solid var(--failed); }
.status-dry-run .bubble { background: transparent; color: var(--ink); border: 2px dashed var(--dry); }
.text { margin: 0; white-space: pre-wrap; }
.media { margin: 0 0 .4rem; }
.media img, .media video { display: block; max-width: 100%; min-width: 120px; border-radius: 12px; background: #0002; }
.media figcaption { font-size: .75rem; opacity: .85; margin-top: .2rem; }
.media a { color: inherit; }
.meta { margin: .2rem .25rem 0; font-size: .8rem; color: var(--muted); }
.status-failed .status { color: var(--failed); font-weight: 600; }
details { font-size: .8rem; color: var(--muted); max-width: 85%; }
details dl { display: grid; grid-template-columns: auto 1fr; gap: .1rem .5rem; margin: .25rem 0 0; }
details dt { font-weight: 600; }
details dd { margin: 0; overflow-wrap: anywhere; }
.empty { grid-column: 1 / -1; color: var(--muted); }
`

function refreshScript(
  version: number,
  destinationFilter: string | undefined
): string {
  const query = destinationFilter
    ? `&destination=${encodeURIComponent(destinationFilter)}`
    : ''
  return `
(() => {
  const inbox = document.getElementById('inbox');
  const live = document.getElementById('summary');
  let version = ${version};
  async function refresh() {
    try {
      const response = await fetch('/inbox?partial=1&since=' + version + '${query}', { cache: 'no-store' });
      if (response.status === 200) {
        inbox.innerHTML = await response.text();
        version = Number(response.headers.get('X-Inbox-Version'));
        live.textContent = response.headers.get('X-Inbox-Summary');
      }
    } catch {}
    setTimeout(refresh, ${REFRESH_INTERVAL_MS});
  }
  setTimeout(refresh, ${REFRESH_INTERVAL_MS});
  document.getElementById('clear').addEventListener('click', async () => {
    if (!confirm('Delete every message in the sandbox inbox?')) return;
    const response = await fetch('/_sandbox/inbox', { method: 'DELETE' });
    await response.text();
    location.reload();
  });
})();`
}

/** The part of the page that auto-refresh replaces: the conversation list and the conversations. */
export function renderInboxContent(model: InboxPageModel): string {
  const filter = model.destinationFilter
  const navItems = [
    `<li><a href="/inbox"${filter ? '' : ' aria-current="page"'}>All</a></li>`,
    ...model.destinations.map(
      (destination) =>
        `<li><a href="/inbox?destination=${encodeURIComponent(destination)}"${destination === filter ? ' aria-current="page"' : ''}>` +
        `${escapeHtml(formatPhoneNumber(destination))}</a></li>`
    ),
  ].join('')
  return (
    `<nav aria-label="Conversations"><ul>${navItems}</ul></nav>` +
    `<main aria-label="Conversations">${renderConversations(model)}</main>`
  )
}

export function renderInboxPage(model: InboxPageModel, nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox inbox</title>
<noscript><meta http-equiv="refresh" content="5"></noscript>
<style nonce="${nonce}">${STYLES}</style>
</head>
<body>
<header class="top">
<h1>Sandbox inbox</h1>
<p>Messages accepted by the local Pinpoint SMS and Voice v2 sandbox. Nothing here reached a real phone. The page refreshes itself.</p>
<p id="summary" role="status" aria-live="polite">${escapeHtml(inboxSummary(model.messages))}</p>
<button type="button" id="clear">Clear inbox</button>
</header>
<div id="inbox">${renderInboxContent(model)}</div>
<script nonce="${nonce}">${refreshScript(model.version, model.destinationFilter)}</script>
</body>
</html>
`
}
