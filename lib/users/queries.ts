import { eq, or, sql } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { rolePermissions, roles, userPermissions, users } from "@/db/schema";
import { ADMINISTRATOR_ROLE_KEY } from "../permissions/catalog";
import { effectivePermissions } from "../permissions/effective";

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
export async function findSessionUser(db: Handle, userId: string) {
  const [row] = await db
    .select({
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
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}

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

export async function administratorRoleId(db: Handle): Promise<string> {
  const [row] = await db.select({ id: roles.id }).from(roles).where(eq(roles.key, ADMINISTRATOR_ROLE_KEY));
  if (!row) throw new Error("The Administrator role is missing: the database was not migrated.");
  return row.id;
}

export async function anyAdministratorExists(db: Handle): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(roles.key, ADMINISTRATOR_ROLE_KEY))
    .limit(1);
  return !!row;
}

/** The id of the user with this username or e-mail, for the command line. */
export async function userIdByIdentifier(db: Handle, identifier: string): Promise<string | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(identifierMatches(identifier)).limit(1);
  return row?.id ?? null;
}
