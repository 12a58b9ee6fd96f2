-- Usernames are kept in lower case, as the form's hint writes them (lib/validation.ts Username).
-- users_username_lower_key already made "Ana.Diaz" and "ana.diaz" one username, so none collide.
UPDATE "users" SET "username" = lower("username") WHERE "username" <> lower("username");
