import { and, eq, sql } from "drizzle-orm";
import type { Handle, Transaction } from "@/db/client";
import { rolePermissions, roles, userPermissions, users } from "@/db/schema";
import type { Actor } from "../context";
import { DomainError, Forbidden, NotFound, PreconditionFailed } from "../errors";
import { ADMINISTRATOR_ROLE_KEY, type Permission } from "./catalog";
import { effectivePermissions } from "./effective";

export async function rolePermissionSet(db: Handle, roleId: string): Promise<{ key: string | null; name: string; permissions: Set<Permission> }> {
  const [role] = await db.select({ key: roles.key, name: roles.name }).from(roles).where(eq(roles.id, roleId));
  if (!role) throw new DomainError("validation", "That role does not exist.", { fieldErrors: { roleId: ["Choose a role from the list."] } });
  const rows = await db.select({ permission: rolePermissions.permission }).from(rolePermissions).where(eq(rolePermissions.roleId, roleId));
  return { ...role, permissions: effectivePermissions({ roleKey: role.key, rolePermissions: rows.map((r) => r.permission), overrides: [] }) };
}

/** Nobody grants a permission they do not hold. */
export function assertMayGrant(actor: Actor, permissions: Iterable<Permission>, what = "these permissions"): void {
  const missing = [...permissions].filter((p) => !actor.permissions.has(p));
  if (missing.length) throw Forbidden(`You cannot give ${what}: they include permissions you do not hold (${missing.join(", ")}).`);
}

/** The user an action is about, locked for the rest of the transaction, with what they hold. */
export async function loadTargetForUpdate(tx: Transaction, userId: string) {
  const [row] = await tx
    .select({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      username: users.username,
      status: users.status,
      lockedAt: users.lockedAt,
      roleId: users.roleId,
      roleKey: roles.key,
      version: users.version,
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(users.id, userId))
    .for("update", { of: users });
  if (!row) throw NotFound("That user does not exist (any more).");
  const [fromRole, overrides] = await Promise.all([
    tx.select({ permission: rolePermissions.permission }).from(rolePermissions).where(eq(rolePermissions.roleId, row.roleId)),
    tx.select({ permission: userPermissions.permission, effect: userPermissions.effect }).from(userPermissions).where(eq(userPermissions.userId, userId)),
  ]);
  const permissions = effectivePermissions({ roleKey: row.roleKey, rolePermissions: fromRole.map((r) => r.permission), overrides });
  return { ...row, name: `${row.firstName} ${row.lastName}`, permissions };
}
export type Target = Awaited<ReturnType<typeof loadTargetForUpdate>>;

/** Nobody acts on someone who holds a permission they do not. */
export function assertOutranks(actor: Actor, target: Target, verb: string): void {
  const missing = [...target.permissions].filter((p) => !actor.permissions.has(p));
  if (missing.length)
    throw Forbidden(`You cannot ${verb} ${target.name}: they hold permissions you do not (${missing.join(", ")}).`);
}

export function assertNotSelf(actor: Actor, target: Target, verb: string): void {
  if (actor.userId === target.id) throw Forbidden(`You cannot ${verb} yourself.`);
}

/**
 * The last active Administrator cannot be removed, deactivated, demoted or locked by an admin action.
 * Locks every Administrator row first, so two admins removing each other at once can't both pass.
 */
export async function assertNotLastAdministrator(tx: Transaction, target: Target, verb: string): Promise<void> {
  if (target.roleKey !== ADMINISTRATOR_ROLE_KEY || target.status !== "active" || target.lockedAt) return;
  const admins = await tx
    .select({ id: users.id, status: users.status, lockedAt: users.lockedAt })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(eq(roles.key, ADMINISTRATOR_ROLE_KEY)))
    .orderBy(users.id)
    .for("update", { of: users });
  const active = admins.filter((a) => a.status === "active" && !a.lockedAt);
  if (active.length <= 1) throw PreconditionFailed(`You cannot ${verb} ${target.name}: they are the last active Administrator.`);
}

/** Bumps the session version: every session of the user ends on its next request. */
export const revokeSessions = { sessionVersion: sql`${users.sessionVersion} + 1` };
