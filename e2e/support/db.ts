import bcrypt from "bcrypt";
import pg from "pg";
import { inject } from "vitest";

/** Reaches into the e2e server's database, the way an operator with psql would. */
export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** An active user with the given role, allowed in the console; returns its id. */
export async function insertUser(u: { username: string; firstName: string; lastName: string; password: string; roleKey: string; email?: string }) {
  const hash = await bcrypt.hash(u.password, 4);
  const [row] = await sql<{ id: string }>(
    `insert into users (first_name, last_name, username, email, role_id, status, password_hash, password_changed_at, admin_console_access, registered_at, confirmed_at)
     values ($1, $2, $3, $4, (select id from roles where key = $5), 'active', $6, now(), true, now(), now())
     on conflict do nothing returning id`,
    [u.firstName, u.lastName, u.username, u.email ?? `${u.username}@example.com`, u.roleKey, hash],
  );
  return row?.id ?? (await sql<{ id: string }>("select id from users where username = $1", [u.username]))[0].id;
}

/** A custom role with these permissions, straight into the tables. */
export async function insertRole(name: string, permissions: string[]): Promise<void> {
  await sql("insert into roles (name, description) values ($1, '')", [name]);
  await sql("insert into role_permissions (role_id, permission) select r.id, p from roles r, unnest($2::text[]) p where r.name = $1", [name, permissions]);
}

/** Gives a user a role by its name, and the console with it unless told otherwise. */
export async function assignRole(username: string, roleName: string, { console = true } = {}): Promise<void> {
  await sql("update users set role_id = (select id from roles where name = $2), admin_console_access = $3 where username = $1", [username, roleName, console]);
}

/**
 * An API key straight into the table, the way `create-api-key` stores it (only the SHA-256), with a
 * role and, when given, the user who made it. Returns the key itself.
 */
export async function insertApiKey(roleKey: string, name: string, createdById: string | null = null): Promise<string> {
  const { createHash, randomBytes } = await import("node:crypto");
  const prefix = randomBytes(4).toString("hex");
  const key = `rk_${prefix}_${randomBytes(32).toString("base64url")}`;
  await sql("insert into api_keys (name, prefix, key_hash, role_id, created_by_id) values ($1, $2, $3, (select id from roles where key = $4), $5)", [
    name,
    prefix,
    createHash("sha256").update(key).digest("hex"),
    roleKey,
    createdById,
  ]);
  return key;
}
