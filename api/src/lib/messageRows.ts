import { Prisma, type MmsMessage } from '@prisma/client'

import {
  dateOf,
  numberOf,
  optionalBooleanOf,
  optionalDateOf,
  optionalNumberOf,
  type RawClient,
} from './rawDb'

type Row = Record<string, unknown>

const text = (row: Row, column: keyof MmsMessage) => row[column] as string
const optionalText = (row: Row, column: keyof MmsMessage) =>
  (row[column] as string | null | undefined) ?? null

/** A message as a raw statement (rawDb.ts) returned it, typed as Prisma reads it. */
export const messageFromRow = (row: Row): MmsMessage => ({
  id: text(row, 'id'),
  userId: numberOf(row.userId),
  apiKeyId: optionalText(row, 'apiKeyId'),
  provider: text(row, 'provider'),
  providerMessageId: optionalText(row, 'providerMessageId'),
  originationIdentity: text(row, 'originationIdentity'),
  destinationPhoneNumber: text(row, 'destinationPhoneNumber'),
  messageBody: optionalText(row, 'messageBody'),
  media: text(row, 'media'),
  dryRun: Boolean(optionalBooleanOf(row.dryRun)),
  timeToLive: optionalNumberOf(row.timeToLive),
  maxPrice: optionalText(row, 'maxPrice'),
  configurationSetName: optionalText(row, 'configurationSetName'),
  protectConfigurationId: optionalText(row, 'protectConfigurationId'),
  messageFeedbackEnabled: optionalBooleanOf(row.messageFeedbackEnabled),
  context: optionalText(row, 'context'),
  status: text(row, 'status'),
  errorCode: optionalText(row, 'errorCode'),
  errorMessage: optionalText(row, 'errorMessage'),
  attemptCount: numberOf(row.attemptCount),
  nextAttemptAt: optionalDateOf(row.nextAttemptAt),
  leaseOwner: optionalText(row, 'leaseOwner'),
  leaseExpiresAt: optionalDateOf(row.leaseExpiresAt),
  expiresAt: optionalDateOf(row.expiresAt),
  priceUsd: optionalText(row, 'priceUsd'),
  carrier: optionalText(row, 'carrier'),
  idempotencyKey: optionalText(row, 'idempotencyKey'),
  requestHash: text(row, 'requestHash'),
  createdAt: dateOf(row.createdAt),
  updatedAt: dateOf(row.updatedAt),
  sentAt: optionalDateOf(row.sentAt),
  statusCallbackUrl: optionalText(row, 'statusCallbackUrl'),
})

/** The new message's columns, all written: Prisma's defaults apply only to its own queries. */
export type NewMessage = Omit<
  MmsMessage,
  | 'providerMessageId'
  | 'errorCode'
  | 'errorMessage'
  | 'attemptCount'
  | 'leaseOwner'
  | 'leaseExpiresAt'
  | 'priceUsd'
  | 'carrier'
  | 'sentAt'
>

/** INSERT … RETURNING the whole row, on SQLite and PostgreSQL alike. */
export const insertMessage = (message: NewMessage): Prisma.Sql => {
  const columns = Object.keys(message) as (keyof NewMessage)[]
  return Prisma.sql`INSERT INTO "MmsMessage" (${Prisma.raw(
    columns.map((column) => `"${column}"`).join(', ')
  )}) VALUES (${Prisma.join(columns.map((column) => message[column]))}) RETURNING *`
}

/** New values, or SQL expressions of the row's own (Prisma.sql`"attemptCount" + 1`). */
type MessageChanges = {
  [K in keyof Omit<MmsMessage, 'id' | 'updatedAt'>]?: MmsMessage[K] | Prisma.Sql
}

/**
 * Writes `changes` to the message matching `where` and returns it as it now
 * stands, or undefined when none matched. updatedAt is set as Prisma's
 * @updatedAt would.
 */
export const updateMessage = async (
  tx: RawClient,
  where: Prisma.Sql,
  changes: MessageChanges
): Promise<MmsMessage | undefined> => {
  const [row] = await tx.$queryRaw<Record<string, unknown>[]>`
    UPDATE "MmsMessage" SET ${assignments({ ...changes, updatedAt: new Date() })}
    WHERE ${where}
    RETURNING *`
  return row ? messageFromRow(row) : undefined
}

/** `"column" = value, …` for a SET clause; the columns are the code's own names. */
export const assignments = (changes: Record<string, unknown>): Prisma.Sql =>
  Prisma.join(
    Object.entries(changes).map(
      ([column, value]) => Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`
    )
  )

export const findMessage = async (
  tx: RawClient,
  id: string
): Promise<MmsMessage | undefined> => {
  const [row] = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT * FROM "MmsMessage" WHERE "id" = ${id}`
  return row ? messageFromRow(row) : undefined
}
