ALTER TYPE "public"."lock_reason" ADD VALUE 'reported';--> statement-breakpoint
ALTER TYPE "public"."token_purpose" ADD VALUE 'change_email';--> statement-breakpoint
INSERT INTO "settings" ("key", "value") VALUES
  ('account.editName', 'true'),
  ('account.editPhone', 'true'),
  ('account.editPicture', 'true'),
  ('account.editEmail', 'true'),
  ('account.editNotifications', 'true'),
  ('password.adminSetIsTemporary', 'true')
ON CONFLICT ("key") DO NOTHING;
