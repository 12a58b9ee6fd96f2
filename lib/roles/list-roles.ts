import { eq, or, sql } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { auditAuthzFailures } from "../audit/authz-failures";
import { rolePermissions, roles, users } from "@/db/schema";
import { can, type Ctx } from "../context";
import { Forbidden, NotFound } from "../errors";
import { effectivePermissions } from "../permissions/effective";
import { membersByUnit } from "../users/members-count";
import { fold } from "@/db/schema/fold";

/**
 * Every role with its member count and permissions (Administrator: the whole catalog). Caller needs
 * roles.manage, or users.view or users.create (roles name what users hold and feed the pickers).
 */
export async function listRoles(ctx: Ctx) {
  return auditAuthzFailures(ctx, "listRoles", async () => {
    if (!can(ctx.actor, "roles.manage") && !can(ctx.actor, "users.view") && !can(ctx.actor, "users.create")) throw Forbidden();
    const members = membersByUnit(ctx.db, users.roleId);
    const [rows, perms] = await Promise.all([
      ctx.db
        .select({
          id: roles.id,
          key: roles.key,
          name: roles.name,
          description: roles.description,
          builtIn: roles.builtIn,
          members: sql<number>`coalesce(${members.members}, 0)`.mapWith(Number),
        })
        .from(roles)
        .leftJoin(members, eq(members.unitId, roles.id))
        .orderBy(sql`${roles.builtIn} desc`, sql`${roles.key} = 'administrator' desc`, fold(roles.name)),
      ctx.db.select({ roleId: rolePermissions.roleId, permission: rolePermissions.permission }).from(rolePermissions),
    ]);
    return rows.map((r) => ({
      ...r,
      permissions: [
        ...effectivePermissions({ roleKey: r.key, rolePermissions: perms.filter((p) => p.roleId === r.id).map((p) => p.permission), overrides: [] }),
      ],
    }));
  });
}

export async function getRole(ctx: Ctx, roleId: string) {
  const all = await listRoles(ctx);
  const role = all.find((r) => r.id === roleId);
  if (!role) throw NotFound("That role does not exist.");
  return role;
}

/** A role's id from its name or key, whatever the case (for the command line). */
export async function roleIdByName(db: Handle, name: string): Promise<string | null> {
  const [row] = await db
    .select({ id: roles.id })
    .from(roles)
    .where(or(sql`lower(${roles.name}) = lower(${name})`, eq(roles.key, name.toLowerCase())))
    .limit(1);
  return row?.id ?? null;
}
