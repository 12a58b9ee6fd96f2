import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { userPermissions, users } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { actingUserId, assertCan, ownAccountOf, type Verb } from "../context";
import { Forbidden, NotFound } from "../errors";
import { ADMINISTRATOR_ROLE_KEY } from "../permissions/catalog";
import { effectivePermissions } from "../permissions/effective";
import { assertMayGrant, assertNotLastAdministrator, assertOutranks, loadTargetForUpdate, rolePermissionSet } from "../permissions/guards";
import { UNITS, UnitKind } from "../organization/units";
import { parseInput } from "../validation";

export const SetUserRoleInput = z.object({ userId: z.uuid("Unknown user."), roleId: z.uuid("Choose a role.") });

/**
 * Change role, on its own (the bulk action): the same rules as editing the role in the user form.
 * Caller needs users.permissions, must outrank the user and hold the new role's permissions; nobody
 * changes their own role or demotes the last active Administrator.
 */
export async function setUserRole({ ctx, input }: Verb<{ userId: unknown; roleId: unknown }>) {
  return auditAuthzFailures(ctx, "user.setRole", async () => {
    assertCan(ctx.actor, "users.permissions");
    const actor = ctx.actor;
    const { userId, roleId } = parseInput(SetUserRoleInput, input);
    const now = ctx.now();
    return ctx.db.transaction(async (tx) => {
      const target = await loadTargetForUpdate(tx, userId);
      if (ownAccountOf(actor) === target.id) throw Forbidden("You cannot change your own role.");
      assertOutranks(actor, target, "change the permissions of");
      if (target.roleId === roleId) return { id: target.id, changed: false };
      const role = await rolePermissionSet(tx, roleId);
      const overrides = await tx
        .select({ permission: userPermissions.permission, effect: userPermissions.effect })
        .from(userPermissions)
        .where(eq(userPermissions.userId, target.id));
      assertMayGrant(actor, effectivePermissions({ roleKey: role.key, rolePermissions: role.permissions, overrides }), `the role ${role.name}`);
      if (target.roleKey === ADMINISTRATOR_ROLE_KEY && role.key !== ADMINISTRATOR_ROLE_KEY) await assertNotLastAdministrator(tx, target, "demote", now);
      await tx
        .update(users)
        .set({ roleId, updatedAt: now, updatedById: actingUserId(actor), version: sql`${users.version} + 1` })
        .where(eq(users.id, target.id));
      await recordAudit(tx, ctx, "user.updated", {
        target: { type: "user", id: target.id, name: target.name },
        detail: { changes: { roleId: [target.roleId, roleId] } },
      });
      return { id: target.id, changed: true };
    });
  });
}

export const SetUserUnitInput = z.object({ userId: z.uuid("Unknown user."), kind: UnitKind, unitId: z.uuid("Choose from the list.").nullable() });

/** Move to branch / team, on its own (the bulk action). Caller needs users.update and must outrank the user (or be them). */
export async function setUserUnit({ ctx, input }: Verb<{ userId: unknown; kind: UnitKind; unitId: unknown }>) {
  return auditAuthzFailures(ctx, "user.setUnit", async () => {
    assertCan(ctx.actor, "users.update");
    const actor = ctx.actor;
    const { userId, kind, unitId } = parseInput(SetUserUnitInput, input);
    const { table } = UNITS[kind];
    const column = kind === "branch" ? "branchId" : "teamId";
    return ctx.db.transaction(async (tx) => {
      const target = await loadTargetForUpdate(tx, userId);
      // A person moves themselves; a key moves its creator only when it holds what they hold.
      if (actingUserId(actor) !== target.id) assertOutranks(actor, target, "edit");
      if (unitId) {
        const [unit] = await tx.select({ id: table.id }).from(table).where(eq(table.id, unitId));
        if (!unit) throw NotFound(kind === "branch" ? "That branch no longer exists." : "That team no longer exists.");
      }
      const [before] = await tx.select({ value: users[column] }).from(users).where(eq(users.id, target.id));
      if (before.value === unitId) return { id: target.id, changed: false };
      await tx
        .update(users)
        .set({ [column]: unitId, updatedAt: ctx.now(), updatedById: actingUserId(actor), version: sql`${users.version} + 1` })
        .where(eq(users.id, target.id));
      await recordAudit(tx, ctx, "user.updated", {
        target: { type: "user", id: target.id, name: target.name },
        detail: { changes: { [column]: [before.value, unitId] } },
      });
      return { id: target.id, changed: true };
    });
  });
}
