import { eq } from "drizzle-orm";
import { z } from "zod";
import { apiKeys } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { actingUserId, assertCan, type Actor, type Verb } from "../context";
import { Forbidden, NotFound } from "../errors";
import { permissionList, type Permission } from "../permissions/catalog";
import { rolePermissionSet } from "../permissions/guards";
import { parseInput } from "../validation";

/**
 * What a key's role holds that whoever would revoke it does not: as nobody acts on someone who holds
 * more than they do, nobody stops a key that may do more than they may (an Administrator's
 * integration is not a lesser administrator's to break). One's own keys are always one's own to revoke.
 */
export function beyondRevoker(actor: Actor | null, key: { createdById: string | null }, rolePermissions: Set<Permission>): Permission[] {
  if (actor && key.createdById !== null && key.createdById === actingUserId(actor)) return [];
  return [...rolePermissions].filter((p) => !actor?.permissions.has(p));
}

/** Revokes an API key: its next request is refused, on every instance. Caller needs api.admin and every permission of the key's role (beyondRevoker). */
export async function revokeApiKey({ ctx, input }: Verb<{ keyId: unknown }>) {
  return auditAuthzFailures(ctx, "apiKey.revoke", async () => {
    assertCan(ctx.actor, "api.admin");
    const { keyId } = parseInput(z.object({ keyId: z.uuid("Unknown key.") }), input);
    return ctx.db.transaction(async (tx) => {
      const [key] = await tx
        .select({ name: apiKeys.name, prefix: apiKeys.prefix, revokedAt: apiKeys.revokedAt, roleId: apiKeys.roleId, createdById: apiKeys.createdById })
        .from(apiKeys)
        .where(eq(apiKeys.id, keyId))
        .for("update");
      if (!key) throw NotFound("That API key does not exist.");
      const missing = beyondRevoker(ctx.actor, key, (await rolePermissionSet(tx, key.roleId)).permissions);
      if (missing.length) throw Forbidden(`You cannot revoke ${key.name}: its role holds permissions you do not (${permissionList(missing)}).`);
      if (key.revokedAt) return { id: keyId, changed: false };
      await tx
        .update(apiKeys)
        .set({ revokedAt: ctx.now(), revokedById: actingUserId(ctx.actor) })
        .where(eq(apiKeys.id, keyId));
      await recordAudit(tx, ctx, "api_key.revoked", { target: { type: "api_key", id: keyId, name: key.name }, detail: { prefix: key.prefix } });
      return { id: keyId, changed: true };
    });
  });
}
