import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { Handle, Transaction } from "@/db/client";
import { rolePermissions, roles, userPermissions, users } from "@/db/schema";
import { ownAccountOf, type Actor } from "../context";
import { DomainError, Forbidden, NotFound, PreconditionFailed } from "../errors";
import { ADMINISTRATOR_ROLE_KEY, permissionList, type Permission } from "./catalog";
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
  if (missing.length) throw Forbidden(`You cannot give ${what}: they include permissions you do not hold (${permissionList(missing)}).`);
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
      adminConsoleAccess: users.adminConsoleAccess,
      accountExpiresOn: users.accountExpiresOn,
      roleId: users.roleId,
      roleKey: roles.key,
      version: users.version,
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(users.id, userId))
    // NO KEY UPDATE, not UPDATE: another transaction's foreign-key check (updated_by_id → this row)
    // takes KEY SHARE, which this lock lets through; with FOR UPDATE two administrators acting on
    // each other deadlocked there.
    .for("no key update", { of: users });
  if (!row) throw NotFound("That user does not exist (any more).");
  // One after the other: a transaction is one connection (pg warns about queries sent on top of each other).
  const fromRole = await tx.select({ permission: rolePermissions.permission }).from(rolePermissions).where(eq(rolePermissions.roleId, row.roleId));
  const overrides = await tx
    .select({ permission: userPermissions.permission, effect: userPermissions.effect })
    .from(userPermissions)
    .where(eq(userPermissions.userId, userId));
  const permissions = effectivePermissions({ roleKey: row.roleKey, rolePermissions: fromRole.map((r) => r.permission), overrides });
  return { ...row, name: `${row.firstName} ${row.lastName}`, permissions };
}
export type Target = Awaited<ReturnType<typeof loadTargetForUpdate>>;

/** Nobody acts on someone who holds a permission they do not. */
export function assertOutranks(actor: Actor, target: Target, verb: string): void {
  const missing = [...target.permissions].filter((p) => !actor.permissions.has(p));
  if (missing.length)
    throw new DomainError("forbidden", `You cannot ${verb} ${target.name}: they hold permissions you do not (${permissionList(missing)}).`, {
      target: { type: "user", id: target.id, name: target.name },
    });
}

/** Whether a new account expiration date (YYYY-MM-DD, or none) lifts the one set: removes it or moves it later. */
export function liftsExpiry(before: string | null, after: string | null): boolean {
  return before !== null && (after === null || after > before);
}

export function assertNotSelf(actor: Actor, target: Target, verb: string): void {
  if (ownAccountOf(actor) === target.id) throw Forbidden(`You cannot ${verb} yourself.`);
}

// Any constant: every change that could remove the last Administrator takes this lock first.
const ADMINISTRATION_LOCK = 727_003;

/**
 * An effective administrator: holds the Administrator role, is Active, not locked, may open the
 * admin console and has no account expiration date that has passed.
 */
export function effectiveAdministrator(now: Date) {
  const today = now.toISOString().slice(0, 10);
  return and(
    eq(roles.key, ADMINISTRATOR_ROLE_KEY),
    eq(users.status, "active"),
    isNull(users.lockedAt),
    eq(users.adminConsoleAccess, true),
    or(isNull(users.accountExpiresOn), sql`${users.accountExpiresOn} > ${today}`),
  );
}

/**
 * Whether this user is the only effective administrator: nobody else could unblock them (the
 * security page's "This wasn't me"), and the inactivity rule spares them (sign-in, the sweep).
 */
export async function soleAdministrator(db: Handle, userId: string, now: Date): Promise<boolean> {
  const admins = await db.select({ id: users.id }).from(users).innerJoin(roles, eq(roles.id, users.roleId)).where(effectiveAdministrator(now)).limit(2);
  return admins.length === 1 && admins[0].id === userId;
}

/** Whether the target is an effective administrator now (see effectiveAdministrator). */
export function isEffectiveAdministrator(
  target: Pick<Target, "roleKey" | "status" | "lockedAt" | "adminConsoleAccess" | "accountExpiresOn">,
  now: Date,
): boolean {
  const today = now.toISOString().slice(0, 10);
  return (
    target.roleKey === ADMINISTRATOR_ROLE_KEY &&
    target.status === "active" &&
    !target.lockedAt &&
    target.adminConsoleAccess &&
    (!target.accountExpiresOn || target.accountExpiresOn > today)
  );
}

/**
 * The last effective Administrator cannot be removed, deactivated, demoted, denied, locked out or
 * given an expiration date by anyone. Callers call this when their change would end the target's
 * administration. The check takes one transaction-level advisory lock after the target's row lock
 * (FOR NO KEY UPDATE, see loadTargetForUpdate), and counts the others with a fresh statement (READ
 * COMMITTED), so two administrators removing each other at once serialize here: the second sees the
 * first's change and is refused. `until` (an expiration date being set) counts only the others whose
 * own date, if any, comes after it.
 */
export async function assertNotLastAdministrator(tx: Transaction, target: Target, verb: string, now = new Date(), until?: string): Promise<void> {
  if (!isEffectiveAdministrator(target, now)) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${ADMINISTRATION_LOCK})`);
  // An expiration date ends the target's administration on that day: the others must outlast it,
  // or two administrators could give each other one and leave nobody on the later of the two days.
  const outlasts = until ? or(isNull(users.accountExpiresOn), sql`${users.accountExpiresOn} > ${until}`) : undefined;
  const [other] = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(effectiveAdministrator(now), ne(users.id, target.id), outlasts))
    .limit(1);
  if (!other) throw PreconditionFailed(`You cannot ${verb} ${target.name}: they are the last active Administrator.`);
}

/** The same lock, for system sweeps that must leave at least one administrator standing. */
export async function lockAdministration(tx: Transaction): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADMINISTRATION_LOCK})`);
}
