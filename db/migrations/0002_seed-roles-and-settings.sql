-- Built-in roles and settings defaults are data the schema depends on, so a migration seeds them.
-- Administrator holds every permission in code (lib/permissions), so it needs no rows here.
INSERT INTO "roles" ("key", "name", "description", "built_in") VALUES
  ('administrator', 'Administrator', 'Full access to all system functions.', true),
  ('api_administrator', 'API Administrator', 'Advanced access to the API and administrative functions.', true),
  ('api_basic', 'API Basic', 'Basic access to the API.', true),
  ('basic', 'Basic', 'Limited access to essential system functions.', true),
  ('purchasing_intermediate', 'Purchasing Intermediate', 'Access to functions related to purchasing and inventory management.', true)
ON CONFLICT ("key") DO NOTHING;
--> statement-breakpoint
INSERT INTO "role_permissions" ("role_id", "permission")
SELECT r."id", p."permission"
FROM "roles" r
JOIN (VALUES
  ('api_administrator', 'api.access'),
  ('api_administrator', 'api.admin'),
  ('api_administrator', 'users.view'),
  ('api_administrator', 'users.create'),
  ('api_administrator', 'users.update'),
  ('api_administrator', 'audit.view'),
  ('api_basic', 'api.access'),
  ('api_basic', 'users.view'),
  ('purchasing_intermediate', 'purchasing'),
  ('purchasing_intermediate', 'inventory'),
  ('purchasing_intermediate', 'orders'),
  ('purchasing_intermediate', 'products')
) AS p("key", "permission") ON p."key" = r."key"
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "settings" ("key", "value") VALUES
  ('organization.name', '"Rollcall"'),
  ('organization.timeZone', '"UTC"'),
  ('lockout.maxFailedAttempts', '5'),
  ('lockout.inactivityDays', '90'),
  ('password.maxAgeDays', '120'),
  ('password.expiryWarningDays', '14'),
  ('invitation.expiryDays', '7'),
  ('session.absoluteHours', '12'),
  ('session.idleMinutes', '30')
ON CONFLICT ("key") DO NOTHING;
