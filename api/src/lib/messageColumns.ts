import type { MmsMessage } from '@prisma/client'

import type { RecordedMedia } from './sendRequest'

// media and context are JSON in text columns, which SQLite and PostgreSQL
// store alike; these are the one place that reads them back.

export const mediaOf = (message: Pick<MmsMessage, 'media'>): RecordedMedia[] =>
  JSON.parse(message.media) as RecordedMedia[]

export const contextOf = (
  message: Pick<MmsMessage, 'context'>
): Record<string, string> | null =>
  message.context
    ? (JSON.parse(message.context) as Record<string, string>)
    : null
