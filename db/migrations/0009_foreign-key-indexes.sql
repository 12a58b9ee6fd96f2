CREATE INDEX "users_updated_by_idx" ON "users" USING btree ("updated_by_id");--> statement-breakpoint
CREATE INDEX "api_keys_revoked_by_idx" ON "api_keys" USING btree ("revoked_by_id");--> statement-breakpoint
CREATE INDEX "invitation_tokens_issued_by_idx" ON "invitation_tokens" USING btree ("issued_by_id");