-- AlterTable
ALTER TABLE "MmsMessage" ADD COLUMN "nextAttemptAt" DATETIME;
ALTER TABLE "MmsMessage" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "MmsMessage" ADD COLUMN "leaseExpiresAt" DATETIME;
ALTER TABLE "MmsMessage" ADD COLUMN "expiresAt" DATETIME;
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
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MmsMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" INTEGER NOT NULL,
    "apiKeyId" TEXT,
    "provider" TEXT NOT NULL,
    "providerMessageId" TEXT,
    "originationIdentity" TEXT NOT NULL,
    "destinationPhoneNumber" TEXT NOT NULL,
    "messageBody" TEXT,
    "media" TEXT NOT NULL DEFAULT '[]',
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "timeToLive" INTEGER,
    "maxPrice" TEXT,
    "configurationSetName" TEXT,
    "context" TEXT,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "expiresAt" DATETIME,
    "priceUsd" TEXT,
    "carrier" TEXT,
    "idempotencyKey" TEXT,
    "requestHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    CONSTRAINT "MmsMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MmsMessage_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_MmsMessage" ("id", "userId", "apiKeyId", "provider", "providerMessageId", "originationIdentity", "destinationPhoneNumber", "messageBody", "media", "dryRun", "timeToLive", "maxPrice", "configurationSetName", "context", "status", "errorCode", "errorMessage", "attemptCount", "nextAttemptAt", "leaseOwner", "leaseExpiresAt", "expiresAt", "priceUsd", "carrier", "idempotencyKey", "requestHash", "createdAt", "updatedAt", "sentAt")
SELECT "id", "userId", "apiKeyId", "provider", "providerMessageId", "originationIdentity", "destinationPhoneNumber", "messageBody", "media", "dryRun", "timeToLive", "maxPrice", "configurationSetName", "context", "status", "errorCode", "errorMessage", "attemptCount", "nextAttemptAt", "leaseOwner", "leaseExpiresAt", "expiresAt", "priceUsd", "carrier", "idempotencyKey", "requestHash", "createdAt", "updatedAt", "sentAt" FROM "MmsMessage";
DROP TABLE "MmsMessage";
ALTER TABLE "new_MmsMessage" RENAME TO "MmsMessage";
CREATE UNIQUE INDEX "MmsMessage_userId_idempotencyKey_key" ON "MmsMessage"("userId", "idempotencyKey");
CREATE INDEX "MmsMessage_userId_createdAt_id_idx" ON "MmsMessage"("userId", "createdAt", "id");
CREATE INDEX "MmsMessage_userId_status_createdAt_id_idx" ON "MmsMessage"("userId", "status", "createdAt", "id");
CREATE INDEX "MmsMessage_providerMessageId_idx" ON "MmsMessage"("providerMessageId");
CREATE INDEX "MmsMessage_status_nextAttemptAt_idx" ON "MmsMessage"("status", "nextAttemptAt");
CREATE INDEX "MmsMessage_status_leaseExpiresAt_idx" ON "MmsMessage"("status", "leaseExpiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateTable
CREATE TABLE "MmsEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "messageId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT,
    "description" TEXT,
    "carrier" TEXT,
    "priceUsd" TEXT,
    "occurredAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MmsEvent_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "MmsMessage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "MmsEvent_sourceId_key" ON "MmsEvent"("sourceId");
CREATE INDEX "MmsEvent_messageId_occurredAt_idx" ON "MmsEvent"("messageId", "occurredAt");

-- CreateTable
CREATE TABLE "OriginationPace" (
    "identity" TEXT NOT NULL PRIMARY KEY,
    "nextSlotAtMs" BIGINT NOT NULL,
    "lastSendAtMs" BIGINT NOT NULL DEFAULT 0
);
