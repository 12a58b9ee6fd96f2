import { eq, inArray, or, sql } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { preparedPerDatabase } from "@/db/prepared";
import { rolePermissions, roles, sessions, settings, userPermissions, users } from "@/db/schema";
import { settingsFrom } from "../settings/get-settings";
import { ADMINISTRATOR_ROLE_KEY, ALL_PERMISSIONS, type Permission } from "../permissions/catalog";
import { effectivePermissions, holdsAllOf } from "../permissions/effective";

/** Matches a username or an e-mail address, case-insensitively (both have unique lower() indexes). */
export function identifierMatches(identifier: string) {
  const value = identifier.trim().toLowerCase();
  return or(sql`lower(${users.username}) = ${value}`, sql`lower(${users.email}) = ${value}`);
}

export async function findUserForSignIn(db: Handle, identifier: string) {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      firstName: users.firstName,
      lastName: users.lastName,
      status: users.status,
      passwordHash: users.passwordHash,
      lockedAt: users.lockedAt,
      accountExpiresOn: users.accountExpiresOn,
      adminConsoleAccess: users.adminConsoleAccess,
      email: users.email,
      language: users.language,
      lastLoginAt: users.lastLoginAt,
      inactivityFrom: users.inactivityFrom,
      registeredAt: users.registeredAt,
      createdAt: users.createdAt,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(identifierMatches(identifier))
    .limit(1);
  return row ?? null;
}

/** The user behind a session, with what decides whether the session still stands. */
const SESSION_USER_COLUMNS = {
  id: users.id,
  username: users.username,
  firstName: users.firstName,
  lastName: users.lastName,
  status: users.status,
  lockedAt: users.lockedAt,
  accountExpiresOn: users.accountExpiresOn,
  adminConsoleAccess: users.adminConsoleAccess,
  sessionVersion: users.sessionVersion,
  mustChangePassword: users.mustChangePassword,
  passwordChangedAt: users.passwordChangedAt,
  lastActivityAt: users.lastActivityAt,
  language: users.language,
  roleId: users.roleId,
  roleKey: roles.key,
};

export async function findSessionUser(db: Handle, userId: string) {
  const [row] = await db.select(SESSION_USER_COLUMNS).from(users).innerJoin(roles, eq(roles.id, users.roleId)).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}

/**
 * Everything a request's session check reads, in one round trip (it runs on every request): the
 * user as findSessionUser returns them, the session's row when `sid` names one of theirs, their
 * permissions (role plus per-user grants and denials, as permissionsOfUser) and the settings (as
 * getSettings). A prepared statement: PostgreSQL parses and plans it once per connection, and
 * Drizzle builds it once per database. Null when the user no longer exists.
 */
export async function loadSessionUser(db: Handle, userId: string, sid: string | null) {
  const [row] = await sessionStatement(db).execute({ userId, sid: sid && /^[0-9a-f-]{36}$/.test(sid) ? sid : null });
  if (!row) return null;
  const { sessionUserId, sessionEndedAt, sessionLastSeenAt, rolePermissions: fromRole, overrides, settings: stored, ...user } = row;
  return {
    user,
    // The session stands while its row is there, not ended, and belongs to this user (as sessionStands).
    session: sessionUserId === user.id && !sessionEndedAt && sessionLastSeenAt ? { lastSeenAt: sessionLastSeenAt } : null,
    permissions: effectivePermissions({ roleKey: user.roleKey, rolePermissions: fromRole, overrides }),
    settings: settingsFrom(stored ?? {}),
  };
}

const sessionStatement = preparedPerDatabase((db) =>
  db
    .select({
      ...SESSION_USER_COLUMNS,
      sessionUserId: sessions.userId,
      sessionEndedAt: sessions.endedAt,
      sessionLastSeenAt: sessions.lastSeenAt,
      rolePermissions: sql<
        string[]
      >`coalesce((select json_agg(${rolePermissions.permission}) from ${rolePermissions} where ${rolePermissions.roleId} = ${users.roleId}), '[]'::json)`,
      overrides: sql<
        { permission: string; effect: "grant" | "deny" }[]
      >`coalesce((select json_agg(json_build_object('permission', ${userPermissions.permission}, 'effect', ${userPermissions.effect})) from ${userPermissions} where ${userPermissions.userId} = ${users.id}), '[]'::json)`,
      settings: sql<Record<string, unknown> | null>`(select json_object_agg(${settings.key}, ${settings.value}) from ${settings})`,
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .leftJoin(sessions, eq(sessions.id, sql.placeholder("sid")))
    .where(eq(users.id, sql.placeholder("userId")))
    .limit(1)
    .prepare("rollcall_session_user"),
);

/**
 * Role plus per-user grants and denials, in one round trip (it runs on every request, and inside
 * transactions, where one client takes one query at a time).
 */
export async function permissionsOfUser(db: Handle, userId: string, roleId: string, roleKey: string | null) {
  const { rows } = await db.execute<{ permission: string; effect: "grant" | "deny" | null }>(
    sql`select ${rolePermissions.permission} as permission, null as effect from ${rolePermissions} where ${rolePermissions.roleId} = ${roleId}
        union all
        select ${userPermissions.permission}, ${userPermissions.effect}::text from ${userPermissions} where ${userPermissions.userId} = ${userId}`,
  );
  const overrides = rows.filter((r): r is { permission: string; effect: "grant" | "deny" } => r.effect !== null);
  return effectivePermissions({ roleKey, rolePermissions: rows.filter((r) => r.effect === null).map((r) => r.permission), overrides });
}

/**
 * Which of these users hold a permission `actor` does not: the guards' rule (assertOutranks) for a
 * list, whose ⋮ menus then offer them nothing the server would refuse. Nobody outranks someone who
 * holds the whole catalog (an Administrator): no query then.
 */
export async function outrankingUsers(db: Handle, actor: ReadonlySet<Permission>, userIds: string[]): Promise<Set<string>> {
  if (!userIds.length || ALL_PERMISSIONS.every((p) => actor.has(p))) return new Set();
  const [fromRoles, overrides] = await Promise.all([
    db
      .select({ userId: users.id, roleKey: roles.key, permission: rolePermissions.permission })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .leftJoin(rolePermissions, eq(rolePermissions.roleId, users.roleId))
      .where(inArray(users.id, userIds)),
    db
      .select({ userId: userPermissions.userId, permission: userPermissions.permission, effect: userPermissions.effect })
      .from(userPermissions)
      .where(inArray(userPermissions.userId, userIds)),
  ]);
  const outranking = new Set<string>();
  for (const id of new Set(fromRoles.map((r) => r.userId))) {
    const mine = fromRoles.filter((r) => r.userId === id);
    const held = effectivePermissions({
      roleKey: mine[0].roleKey,
      rolePermissions: mine.flatMap((r) => (r.permission ? [r.permission] : [])),
      overrides: overrides.filter((o) => o.userId === id),
    });
    if (!holdsAllOf(actor, held)) outranking.add(id);
  }
  return outranking;
}

export async function administratorRoleId(db: Handle): Promise<string> {
  const [row] = await db.select({ id: roles.id }).from(roles).where(eq(roles.key, ADMINISTRATOR_ROLE_KEY));
  if (!row) throw new Error("The Administrator role is missing: the database was not migrated.");
  return row.id;
}

/**
 * Whether the install has anyone in it. `/setup` is for an empty install only: an install whose last
 * Administrator was deleted or demoted (a locked or departed one may be) is not open to whoever comes
 * by; its operator makes a new one from the command line (`rollcall create-admin`).
 */
/** Whether anyone holds the Administrator role (the command line's advice after a seed). */
export async function anyAdministratorExists(db: Handle): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(roles.key, ADMINISTRATOR_ROLE_KEY))
    .limit(1);
  return !!row;
}

export async function anyUserExists(db: Handle): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return !!row;
}

/** The id of the user with this username or e-mail, for the command line. */
export async function userIdByIdentifier(db: Handle, identifier: string): Promise<string | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(identifierMatches(identifier)).limit(1);
  return row?.id ?? null;
}
