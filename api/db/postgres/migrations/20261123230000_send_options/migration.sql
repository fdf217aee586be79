-- Generated from api/db/migrations/20261123230000_send_options/migration.sql by
-- scripts/derivePostgres.ts: edit the SQLite migration, then run the script.

-- AlterTable
ALTER TABLE "MmsMessage" ADD COLUMN "protectConfigurationId" TEXT;

ALTER TABLE "MmsMessage" ADD COLUMN "messageFeedbackEnabled" BOOLEAN;
