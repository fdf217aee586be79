-- The send gate moves to a table of its own: workers passing it no longer
-- wait on the slot row that each queueing transaction holds until it commits.
-- CreateTable
CREATE TABLE "OriginationGate" (
    "identity" TEXT NOT NULL PRIMARY KEY,
    "lastSendAtMs" BIGINT NOT NULL
);

INSERT INTO "OriginationGate" ("identity", "lastSendAtMs")
SELECT "identity", "lastSendAtMs" FROM "OriginationPace" WHERE "lastSendAtMs" > 0;

-- AlterTable
ALTER TABLE "OriginationPace" DROP COLUMN "lastSendAtMs";
