import { sql } from "drizzle-orm";
import { rolePermissions, roles } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { assertCan, type Ctx } from "../context";
import { effectivePermissions } from "../permissions/effective";
import { fold } from "@/db/schema/fold";

/** The roles a key may be given by this actor: with API access, and nothing the actor lacks. Caller needs api.admin. */
export async function apiKeyRoleOptions(ctx: Ctx) {
  return auditAuthzFailures(ctx, "apiKeyRoleOptions", async () => {
    assertCan(ctx.actor, "api.admin");
    const actor = ctx.actor;
    const [all, perms] = await Promise.all([
      ctx.db
        .select({ id: roles.id, key: roles.key, name: roles.name })
        .from(roles)
        // In the order /roles lists them: built-in first, then custom, each by name.
        .orderBy(sql`${roles.builtIn} desc`, sql`${roles.key} = 'administrator' desc`, fold(roles.name)),
      ctx.db.select({ roleId: rolePermissions.roleId, permission: rolePermissions.permission }).from(rolePermissions),
    ]);
    return all
      .map((role) => ({
        ...role,
        permissions: effectivePermissions({
          roleKey: role.key,
          rolePermissions: perms.filter((p) => p.roleId === role.id).map((p) => p.permission),
          overrides: [],
        }),
      }))
      .filter((role) => role.permissions.has("api.access") && [...role.permissions].every((p) => actor.permissions.has(p)))
      .map(({ id, name }) => ({ id, name }));
  });
}
