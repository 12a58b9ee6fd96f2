ALTER TABLE "sessions" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The sessions open now began under the user's current version (an older one would not stand).
UPDATE "sessions" AS s SET "session_version" = u."session_version" FROM "users" AS u WHERE u."id" = s."user_id" AND s."ended_at" IS NULL;
