import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Handle, Transaction } from "@/db/client";
import { rolePermissions, roles, userPermissions, users } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { actingUserId, assertCan, ownAccountOf, type Actor, type Ctx, type Verb } from "../context";
import { Forbidden, NotFound, ValidationFailed } from "../errors";
import { ADMINISTRATOR_ROLE_KEY, ALL_PERMISSIONS, isPermission, permissionList, type Permission } from "../permissions/catalog";
import { effectivePermissions } from "../permissions/effective";
import { assertNotLastAdministrator, assertOutranks, loadTargetForUpdate, type Target } from "../permissions/guards";
import { parseInput } from "../validation";

export type Override = "inherit" | "grant" | "deny";

/** The read model: role, per-user overrides and the effective result, for every permission of the catalog. */
export async function permissionsView(db: Handle, userId: string) {
  const [user] = await db
    .select({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      roleId: users.roleId,
      roleKey: roles.key,
      roleName: roles.name,
      version: users.version,
      adminConsoleAccess: users.adminConsoleAccess,
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(users.id, userId));
  if (!user) throw NotFound("That user does not exist (any more).");
  // One after the other: inside a transaction the handle is one connection.
  const fromRole = await db.select({ permission: rolePermissions.permission }).from(rolePermissions).where(eq(rolePermissions.roleId, user.roleId));
  const overrides = await db
    .select({ permission: userPermissions.permission, effect: userPermissions.effect })
    .from(userPermissions)
    .where(eq(userPermissions.userId, userId));
  const roleSet = effectivePermissions({ roleKey: user.roleKey, rolePermissions: fromRole.map((r) => r.permission), overrides: [] });
  const effective = effectivePermissions({ roleKey: user.roleKey, rolePermissions: fromRole.map((r) => r.permission), overrides });
  const overrideOf = new Map(overrides.filter((o) => isPermission(o.permission)).map((o) => [o.permission as Permission, o.effect as Override]));
  return {
    user: { id: user.id, name: `${user.firstName} ${user.lastName}`, version: user.version, adminConsoleAccess: user.adminConsoleAccess },
    role: { id: user.roleId, key: user.roleKey, name: user.roleName },
    permissions: ALL_PERMISSIONS.map((p) => ({
      permission: p,
      fromRole: roleSet.has(p),
      override: overrideOf.get(p) ?? ("inherit" as Override),
      effective: effective.has(p),
    })),
    effective: [...effective],
  };
}

/** What a user may read of another's permissions: users.view, or themselves. */
export async function readUserPermissions(ctx: Ctx, userId: string) {
  return auditAuthzFailures(ctx, "readUserPermissions", async () => {
    if (!z.uuid().safeParse(userId).success) throw NotFound("That user does not exist.");
    if (actingUserId(ctx.actor) !== userId) assertCan(ctx.actor, "users.view");
    return permissionsView(ctx.db, userId);
  });
}

const OverrideValue = z.enum(["inherit", "grant", "deny"], "Choose inherit, grant or deny.");
export const SetUserPermissionsInput = z.object({
  userId: z.uuid("Unknown user."),
  overrides: z.record(z.string(), OverrideValue).superRefine((o, ctx) => {
    const unknown = Object.keys(o).filter((k) => !isPermission(k));
    if (unknown.length) ctx.addIssue({ code: "custom", message: `Unknown permission${unknown.length > 1 ? "s" : ""}: ${unknown.slice(0, 5).join(", ")}.` });
  }),
});

/** The checks every change of someone's permissions passes, inside the transaction. */
async function assertMayChangePermissions(tx: Transaction, actor: Actor, target: Target, after: Set<Permission>, newRoleKey: string | null) {
  // A key is held to its creator's rules: denying them API access through it would end every key they made.
  if (ownAccountOf(actor) === target.id) throw Forbidden("You cannot change your own role or permissions.");
  assertOutranks(actor, target, "change the permissions of");
  const gained = [...after].filter((p) => !actor.permissions.has(p));
  if (gained.length) throw Forbidden(`You cannot give permissions you do not hold yourself (${permissionList(gained)}).`);
  if (target.roleKey === ADMINISTRATOR_ROLE_KEY && newRoleKey !== ADMINISTRATOR_ROLE_KEY) await assertNotLastAdministrator(tx, target, "demote");
}

async function writeOverrides(tx: Transaction, userId: string, overrides: Record<string, Override>) {
  await tx.delete(userPermissions).where(eq(userPermissions.userId, userId));
  const rows = Object.entries(overrides)
    .filter(([, v]) => v !== "inherit")
    .map(([permission, effect]) => ({ userId, permission, effect: effect as "grant" | "deny" }));
  if (rows.length) await tx.insert(userPermissions).values(rows);
}

/**
 * Edit permissions: per-user grants and denials on top of the role. Caller needs users.permissions,
 * must outrank the user, may only grant what they hold, and never changes their own. Takes effect on
 * the user's next request. Records the before and after sets.
 */
export async function setUserPermissions({ ctx, input }: Verb<{ userId: unknown; overrides: unknown }>) {
  return auditAuthzFailures(ctx, "user.permissions", async () => {
    assertCan(ctx.actor, "users.permissions");
    const actor = ctx.actor;
    const data = parseInput(SetUserPermissionsInput, input);
    return ctx.db.transaction(async (tx) => {
      const target = await loadTargetForUpdate(tx, data.userId);
      const before = await permissionsView(tx, target.id);
      const overrides = Object.fromEntries(before.permissions.map((p) => [p.permission, data.overrides[p.permission] ?? p.override])) as Record<
        string,
        Override
      >;
      const roleRows = await tx.select({ permission: rolePermissions.permission }).from(rolePermissions).where(eq(rolePermissions.roleId, target.roleId));
      const after = effectivePermissions({
        roleKey: target.roleKey,
        rolePermissions: roleRows.map((r) => r.permission),
        overrides: Object.entries(overrides)
          .filter(([, v]) => v !== "inherit")
          .map(([permission, effect]) => ({ permission, effect: effect as "grant" | "deny" })),
      });
      // Each per-user setting that moves (inherit, grant, deny): a denial of a permission the role
      // does not give changes nothing today but is a setting all the same. None moved: nothing to record.
      const moved = Object.fromEntries(
        before.permissions.filter((p) => overrides[p.permission] !== p.override).map((p) => [p.permission, [p.override, overrides[p.permission]]]),
      );
      await assertMayChangePermissions(tx, actor, target, after, target.roleKey);
      if (!Object.keys(moved).length) return { effective: [...before.effective] };
      await writeOverrides(tx, target.id, overrides);
      await tx
        .update(users)
        .set({ updatedAt: ctx.now(), updatedById: actingUserId(actor), version: sql`${users.version} + 1` })
        .where(eq(users.id, target.id));
      await recordAudit(tx, ctx, "user.permissions_changed", {
        target: { type: "user", id: target.id, name: target.name },
        detail: { before: [...before.effective].sort(), after: [...after].sort(), overrides: moved },
      });
      return { effective: [...after] };
    });
  });
}

const CopyPermissionsInput = z.object({ fromUserId: z.uuid("Choose a user to copy from."), toUserId: z.uuid("Unknown user.") });

/** What copying `fromUserId`'s permissions onto `toUserId` would change: role and each permission. */
export async function previewCopyPermissions({ ctx, input }: Verb<{ fromUserId: unknown; toUserId: unknown }>) {
  return auditAuthzFailures(ctx, "previewCopyPermissions", async () => {
    assertCan(ctx.actor, "users.permissions");
    // It shows both users' permissions, as reading them does: that is users.view's.
    assertCan(ctx.actor, "users.view");
    const { fromUserId, toUserId } = parseInput(CopyPermissionsInput, input);
    if (fromUserId === toUserId) throw ValidationFailed({ fromUserId: ["Choose another user to copy from."] });
    const [from, to] = await Promise.all([permissionsView(ctx.db, fromUserId), permissionsView(ctx.db, toUserId)]);
    const changes = to.permissions
      .map((p, i) => ({
        permission: p.permission,
        before: p.effective,
        after: from.permissions[i].effective,
        overrideBefore: p.override,
        overrideAfter: from.permissions[i].override,
      }))
      .filter((c) => c.before !== c.after || c.overrideBefore !== c.overrideAfter);
    return { from: from.user, to: to.user, role: { before: to.role.name, after: from.role.name, changes: to.role.id !== from.role.id }, changes };
  });
}

/** Copies another user's role and per-user grants and denials. The same rules as editing permissions. */
export async function copyPermissions({ ctx, input }: Verb<{ fromUserId: unknown; toUserId: unknown }>) {
  return auditAuthzFailures(ctx, "user.permissions_copy", async () => {
    assertCan(ctx.actor, "users.permissions");
    const actor = ctx.actor;
    const { fromUserId, toUserId } = parseInput(CopyPermissionsInput, input);
    if (fromUserId === toUserId) throw ValidationFailed({ fromUserId: ["Choose another user to copy from."] });
    return ctx.db.transaction(async (tx) => {
      const target = await loadTargetForUpdate(tx, toUserId);
      const source = await permissionsView(tx, fromUserId);
      const before = await permissionsView(tx, toUserId);
      const after = new Set(source.effective as Permission[]);
      await assertMayChangePermissions(tx, actor, target, after, source.role.key);
      if (source.role.id !== target.roleId && actingUserId(actor) === target.id) throw Forbidden("You cannot change your own role.");
      await writeOverrides(tx, target.id, Object.fromEntries(source.permissions.map((p) => [p.permission, p.override])));
      await tx
        .update(users)
        .set({ roleId: source.role.id, updatedAt: ctx.now(), updatedById: actingUserId(actor), version: sql`${users.version} + 1` })
        .where(eq(users.id, target.id));
      await recordAudit(tx, ctx, "user.permissions_copied", {
        target: { type: "user", id: target.id, name: target.name },
        detail: {
          from: { id: source.user.id, name: source.user.name },
          role: [before.role.name, source.role.name],
          before: [...before.effective].sort(),
          after: [...after].sort(),
        },
      });
      return { effective: [...after] };
    });
  });
}
