-- AlterTable
ALTER TABLE "MmsMessage" ADD COLUMN "protectConfigurationId" TEXT;
ALTER TABLE "MmsMessage" ADD COLUMN "messageFeedbackEnabled" BOOLEAN;
