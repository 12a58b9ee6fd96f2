ALTER TABLE "import_jobs" ADD COLUMN "committed_ip" "inet";--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "committed_user_agent" text;