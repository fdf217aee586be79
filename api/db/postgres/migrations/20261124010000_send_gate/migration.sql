-- Generated from api/db/migrations/20261124010000_send_gate/migration.sql by
-- scripts/derivePostgres.ts: edit the SQLite migration, then run the script.

-- The send gate moves to a table of its own: workers passing it no longer
-- wait on the slot row that each queueing transaction holds until it commits.
-- CreateTable
CREATE TABLE "OriginationGate" (
    "identity" TEXT NOT NULL,
    "lastSendAtMs" BIGINT NOT NULL,
    CONSTRAINT "OriginationGate_pkey" PRIMARY KEY ("identity")
);

INSERT INTO "OriginationGate" ("identity", "lastSendAtMs")
SELECT "identity", "lastSendAtMs" FROM "OriginationPace" WHERE "lastSendAtMs" > 0;

-- AlterTable
ALTER TABLE "OriginationPace" DROP COLUMN "lastSendAtMs";
