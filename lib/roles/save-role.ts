import { and, eq, notInArray } from "drizzle-orm";
import { z } from "zod";
import { rolePermissions, roles, userPermissions, users } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { assertCan, type Actor, type Verb } from "../context";
import type { Transaction } from "@/db/client";
import { Conflict, Forbidden, NotFound, PreconditionFailed, uniqueViolation } from "../errors";
import { nameTaken } from "../names";
import { ADMINISTRATOR_ROLE_KEY, permissionList } from "../permissions/catalog";
import { assertMayGrant, rolePermissionSet } from "../permissions/guards";
import { parseInput } from "../validation";
import { PermissionList, permissionNames, RoleDescription, RoleDescriptionText, RoleName } from "./role-input";

export const SaveRoleInput = z.object({
  roleId: z.uuid("Unknown role.").optional(),
  name: RoleName,
  description: RoleDescription,
  permissions: PermissionList,
});
export type SaveRoleInput = { roleId?: unknown; name: unknown; description?: unknown; permissions?: unknown };

/**
 * Creates a custom role, or edits one (`roleId`). Caller needs roles.manage and must hold every
 * permission the role has before and after the change. Built-in roles keep their names; the
 * Administrator role always holds every permission. Names are unique whatever their case.
 */
export async function saveRole({ ctx, input }: Verb<SaveRoleInput>) {
  return auditAuthzFailures(ctx, "role.save", async () => {
    assertCan(ctx.actor, "roles.manage");
    const actor = ctx.actor;
    const data = parseInput(SaveRoleInput, input);
    assertMayGrant(actor, data.permissions, "a role these permissions");
    const now = ctx.now();
    return ctx.db.transaction(async (tx) => {
      try {
        const nameFree = async () => {
          const other = await nameTaken(tx, roles, roles, data.name, data.roleId ?? undefined);
          if (other !== null) throw Conflict(`A role named “${other}” already exists.`, { name: [`A role named “${other}” already exists.`] });
        };
        if (!data.roleId) {
          await nameFree();
          const [created] = await tx.insert(roles).values({ name: data.name, description: data.description }).returning({ id: roles.id });
          if (data.permissions.length) await tx.insert(rolePermissions).values(data.permissions.map((permission) => ({ roleId: created.id, permission })));
          await recordAudit(tx, ctx, "role.created", { target: { type: "role", id: created.id, name: data.name }, detail: { permissions: data.permissions } });
          return { id: created.id };
        }
        const [role] = await tx.select().from(roles).where(eq(roles.id, data.roleId)).for("update");
        if (!role) throw NotFound("That role does not exist.");
        const before = await rolePermissionSet(tx, role.id);
        const beyond = [...before.permissions].filter((p) => !actor.permissions.has(p));
        if (beyond.length) throw Forbidden(`You cannot edit the role ${role.name}: it has permissions you do not hold (${permissionList(beyond)}).`);
        if (role.builtIn && data.name !== role.name) throw PreconditionFailed(`${role.name} is a built-in role: it cannot be renamed.`);
        if (data.name !== role.name) await nameFree();
        if (role.key === ADMINISTRATOR_ROLE_KEY && data.permissions.length !== before.permissions.size)
          throw PreconditionFailed("The Administrator role always holds every permission.");
        // The event says what changed, and only that: a save that changes nothing records nothing.
        const changes: Record<string, [string | null, string | null]> = {};
        if (data.name !== role.name) changes.name = [role.name, data.name];
        if ((data.description ?? null) !== (role.description ?? null)) changes.description = [role.description ?? null, data.description ?? null];
        const had = [...before.permissions].sort();
        const has = [...new Set(data.permissions)].sort();
        const permissionsChanged = had.join() !== has.join();
        if (!Object.keys(changes).length && !permissionsChanged) return { id: role.id };
        if (permissionsChanged) await assertOutranksHolders(tx, actor, role);
        await tx.update(roles).set({ name: data.name, description: data.description, updatedAt: now }).where(eq(roles.id, role.id));
        if (role.key !== ADMINISTRATOR_ROLE_KEY && permissionsChanged) {
          await tx.delete(rolePermissions).where(and(eq(rolePermissions.roleId, role.id)));
          if (has.length) await tx.insert(rolePermissions).values(has.map((permission) => ({ roleId: role.id, permission })));
        }
        await recordAudit(tx, ctx, "role.updated", {
          target: { type: "role", id: role.id, name: data.name },
          detail: { changes, ...(permissionsChanged ? { before: had, after: has } : {}) },
        });
        return { id: role.id };
      } catch (error) {
        if (uniqueViolation(error) !== null) throw Conflict(`A role named “${data.name}” already exists.`, { name: ["A role with this name already exists."] });
        throw error;
      }
    });
  });
}

/**
 * A role's permissions are its holders': changing them acts on every one of them, so the editor must
 * outrank each, as changing one user's role or permissions needs (setUserRole, setUserPermissions).
 * The role's own permissions are the editor's already (saveRole checks them); a holder outranks the
 * editor only through a per-user grant of one the editor lacks. Which holder is not said.
 */
async function assertOutranksHolders(tx: Transaction, actor: Actor, role: { id: string; name: string }) {
  const held = [...actor.permissions];
  const beyond = await tx
    .selectDistinct({ permission: userPermissions.permission })
    .from(userPermissions)
    .innerJoin(users, eq(users.id, userPermissions.userId))
    .where(and(eq(users.roleId, role.id), eq(userPermissions.effect, "grant"), held.length ? notInArray(userPermissions.permission, held) : undefined));
  if (beyond.length)
    throw Forbidden(
      `You cannot change the permissions of the role ${role.name}: someone who holds it also holds permissions you do not (${permissionList(beyond.map((b) => b.permission))}).`,
    );
}

export const PatchRoleInput = z.object({
  roleId: z.uuid("Unknown role."),
  name: RoleName.optional(),
  description: RoleDescriptionText.optional(),
  permissions: permissionNames(z.array(z.string())).optional(),
});
export type PatchRoleInput = { roleId: unknown; name?: unknown; description?: unknown; permissions?: unknown };

/**
 * Changes the fields sent and keeps the others (the API's PATCH): the role's row is locked while the
 * rest is read, so two changes of different fields at once both stand. Same rules as saveRole.
 */
export async function patchRole({ ctx, input }: Verb<PatchRoleInput>) {
  return auditAuthzFailures(ctx, "role.save", async () => {
    assertCan(ctx.actor, "roles.manage");
    const { roleId, ...sent } = parseInput(PatchRoleInput, input);
    return ctx.db.transaction(async (tx) => {
      const [role] = await tx.select({ name: roles.name, description: roles.description }).from(roles).where(eq(roles.id, roleId)).for("update");
      if (!role) throw NotFound("That role does not exist.");
      const current = { name: role.name, description: role.description ?? "", permissions: [...(await rolePermissionSet(tx, roleId)).permissions] };
      const defined = Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== undefined));
      return saveRole({ ctx: { ...ctx, db: tx }, input: { ...current, ...defined, roleId } });
    });
  });
}
