DROP INDEX "users_role_idx";--> statement-breakpoint
DROP INDEX "users_branch_idx";--> statement-breakpoint
DROP INDEX "users_team_idx";--> statement-breakpoint
CREATE INDEX "users_role_name_idx" ON "users" USING btree ("role_id",translate(lower("last_name"), 'áàâäãåéèêëíìîïóòôöõúùûüñçýÿ', 'aaaaaaeeeeiiiiooooouuuuncyy'),translate(lower("first_name"), 'áàâäãåéèêëíìîïóòôöõúùûüñçýÿ', 'aaaaaaeeeeiiiiooooouuuuncyy'));--> statement-breakpoint
CREATE INDEX "users_branch_name_idx" ON "users" USING btree ("branch_id",translate(lower("last_name"), 'áàâäãåéèêëíìîïóòôöõúùûüñçýÿ', 'aaaaaaeeeeiiiiooooouuuuncyy'),translate(lower("first_name"), 'áàâäãåéèêëíìîïóòôöõúùûüñçýÿ', 'aaaaaaeeeeiiiiooooouuuuncyy'));--> statement-breakpoint
CREATE INDEX "users_team_name_idx" ON "users" USING btree ("team_id",translate(lower("last_name"), 'áàâäãåéèêëíìîïóòôöõúùûüñçýÿ', 'aaaaaaeeeeiiiiooooouuuuncyy'),translate(lower("first_name"), 'áàâäãåéèêëíìîïóòôöõúùûüñçýÿ', 'aaaaaaeeeeiiiiooooouuuuncyy'));