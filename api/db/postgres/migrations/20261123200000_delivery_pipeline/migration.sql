-- Generated from api/db/migrations/20261123200000_delivery_pipeline/migration.sql by
-- scripts/derivePostgres.ts: edit the SQLite migration, then run the script.

-- AlterTable
ALTER TABLE "MmsMessage" ADD COLUMN "nextAttemptAt" TIMESTAMP(3);

ALTER TABLE "MmsMessage" ADD COLUMN "leaseOwner" TEXT;

ALTER TABLE "MmsMessage" ADD COLUMN "leaseExpiresAt" TIMESTAMP(3);

ALTER TABLE "MmsMessage" ADD COLUMN "expiresAt" TIMESTAMP(3);

ALTER TABLE "MmsMessage" ADD COLUMN "priceUsd" TEXT;

ALTER TABLE "MmsMessage" ADD COLUMN "carrier" TEXT;

-- Messages recorded but never handed over join the queue; one cut off while
-- being handed over may or may not have been sent, so it is not resent.
UPDATE "MmsMessage" SET "status" = 'QUEUED', "nextAttemptAt" = "createdAt"
WHERE "status" = 'PENDING';

UPDATE "MmsMessage" SET "status" = 'UNKNOWN', "errorCode" = 'OUTCOME_UNKNOWN',
  "errorMessage" = 'The provider did not answer in time, so it is not known whether the message was sent. It was not retried, to avoid a duplicate.'
WHERE "status" = 'SENDING';

-- The column's default changes from PENDING to QUEUED: SQLite rebuilds the table.
ALTER TABLE "MmsMessage" ALTER COLUMN "status" SET DEFAULT 'QUEUED';

CREATE INDEX "MmsMessage_status_nextAttemptAt_idx" ON "MmsMessage"("status", "nextAttemptAt");

CREATE INDEX "MmsMessage_status_leaseExpiresAt_idx" ON "MmsMessage"("status", "leaseExpiresAt");

-- CreateTable
CREATE TABLE "MmsEvent" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT,
    "description" TEXT,
    "carrier" TEXT,
    "priceUsd" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MmsEvent_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "MmsEvent_sourceId_key" ON "MmsEvent"("sourceId");

CREATE INDEX "MmsEvent_messageId_occurredAt_idx" ON "MmsEvent"("messageId", "occurredAt");

-- CreateTable
CREATE TABLE "OriginationPace" (
    "identity" TEXT NOT NULL,
    "nextSlotAtMs" BIGINT NOT NULL,
    "lastSendAtMs" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "OriginationPace_pkey" PRIMARY KEY ("identity")
);

-- AddForeignKey
ALTER TABLE "MmsEvent" ADD CONSTRAINT "MmsEvent_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "MmsMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
