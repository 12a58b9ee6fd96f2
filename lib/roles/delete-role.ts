import { count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { apiKeys, roles, users } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { assertCan, type Verb } from "../context";
import { Forbidden, NotFound, PreconditionFailed } from "../errors";
import { rolePermissionSet } from "../permissions/guards";
import { parseInput } from "../validation";

/** Deletes a custom role. Caller needs roles.manage. Refused for built-ins and while users or live API keys hold it, with the count. */
export async function deleteRole({ ctx, input }: Verb<{ roleId: unknown }>) {
  return auditAuthzFailures(ctx, "role.delete", async () => {
    assertCan(ctx.actor, "roles.manage");
    const actor = ctx.actor;
    const { roleId } = parseInput(z.object({ roleId: z.uuid("Unknown role.") }), input);
    return ctx.db.transaction(async (tx) => {
      const [role] = await tx.select().from(roles).where(eq(roles.id, roleId)).for("update");
      if (!role) throw NotFound("That role does not exist.");
      if (role.builtIn) throw PreconditionFailed(`${role.name} is a built-in role: it cannot be deleted.`);
      const held = await rolePermissionSet(tx, role.id);
      if ([...held.permissions].some((p) => !actor.permissions.has(p))) throw Forbidden(`You cannot delete ${role.name}: it has permissions you do not hold.`);
      const [{ n }] = await tx.select({ n: count() }).from(users).where(eq(users.roleId, role.id));
      if (n > 0) throw PreconditionFailed(`${n} user${n === 1 ? " holds" : "s hold"} the role ${role.name}. Give them another role first.`);
      // A key acts with its role. A live one keeps it (a key's role does not change); a revoked or
      // expired one never acts again and goes with the role (its making and revoking stay in the trail).
      const now = ctx.now();
      const keys = await tx
        .select({ live: sql<boolean>`${apiKeys.revokedAt} is null and (${apiKeys.expiresAt} is null or ${apiKeys.expiresAt} > ${now}::timestamptz)` })
        .from(apiKeys)
        .where(eq(apiKeys.roleId, role.id));
      const live = keys.filter((k) => k.live).length;
      if (live)
        throw PreconditionFailed(
          live === 1
            ? `${live} API key acts with the role ${role.name}. Revoke it first.`
            : `${live} API keys act with the role ${role.name}. Revoke them first.`,
        );
      if (keys.length) await tx.delete(apiKeys).where(eq(apiKeys.roleId, role.id));
      await tx.delete(roles).where(eq(roles.id, role.id));
      await recordAudit(tx, ctx, "role.deleted", {
        target: { type: "role", id: role.id, name: role.name },
        detail: { permissions: [...held.permissions].sort(), ...(keys.length ? { revokedKeysDeleted: keys.length } : {}) },
      });
    });
  });
}
