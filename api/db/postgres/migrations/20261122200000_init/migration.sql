-- Generated from api/db/migrations/20261122200000_init/migration.sql by
-- scripts/derivePostgres.ts: edit the SQLite migration, then run the script.

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "hashedPassword" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "resetToken" TEXT,
    "resetTokenExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hashedKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MmsMessage" (
    "id" TEXT NOT NULL,
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
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "idempotencyKey" TEXT,
    "requestHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    CONSTRAINT "MmsMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MmsAttempt" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "errorCode" TEXT,
    CONSTRAINT "MmsAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hashedKey_key" ON "ApiKey"("hashedKey");

-- CreateIndex
CREATE INDEX "ApiKey_userId_idx" ON "ApiKey"("userId");

-- CreateIndex
CREATE INDEX "MmsMessage_userId_createdAt_id_idx" ON "MmsMessage"("userId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "MmsMessage_userId_status_createdAt_id_idx" ON "MmsMessage"("userId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "MmsMessage_providerMessageId_idx" ON "MmsMessage"("providerMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "MmsMessage_userId_idempotencyKey_key" ON "MmsMessage"("userId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "MmsAttempt_messageId_number_key" ON "MmsAttempt"("messageId", "number");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MmsMessage" ADD CONSTRAINT "MmsMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MmsMessage" ADD CONSTRAINT "MmsMessage_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "MmsAttempt" ADD CONSTRAINT "MmsAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "MmsMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
