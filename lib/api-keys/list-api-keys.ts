import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { apiKeys, roles, users } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { assertCan, type Ctx } from "../context";
import { rolePermissionSet } from "../permissions/guards";
import { beyondRevoker } from "./revoke-api-key";

const creator = alias(users, "creator");

export type ApiKeyState = "active" | "revoked" | "expired";

/** Every API key, newest first, with its role, creator and state; never a hash. Caller needs api.admin. */
export async function listApiKeys(ctx: Ctx) {
  return auditAuthzFailures(ctx, "listApiKeys", async () => {
    assertCan(ctx.actor, "api.admin");
    const rows = await ctx.db
      .select({
        id: apiKeys.id,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        role: roles.name,
        createdAt: apiKeys.createdAt,
        createdByFirstName: creator.firstName,
        createdByLastName: creator.lastName,
        expiresAt: apiKeys.expiresAt,
        lastUsedAt: apiKeys.lastUsedAt,
        lastUsedIp: apiKeys.lastUsedIp,
        revokedAt: apiKeys.revokedAt,
        roleId: apiKeys.roleId,
        createdById: apiKeys.createdById,
      })
      .from(apiKeys)
      .innerJoin(roles, eq(roles.id, apiKeys.roleId))
      .leftJoin(creator, eq(creator.id, apiKeys.createdById))
      .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
    const now = ctx.now();
    // What each role holds, for whether this reader may revoke its keys (beyondRevoker).
    const roleIds = [...new Set(rows.map((r) => r.roleId))];
    const held = new Map(await Promise.all(roleIds.map(async (id) => [id, (await rolePermissionSet(ctx.db, id)).permissions] as const)));
    return rows.map(({ createdByFirstName, createdByLastName, roleId, createdById, ...row }) => ({
      ...row,
      revocable: beyondRevoker(ctx.actor, { createdById }, held.get(roleId)!).length === 0,
      createdBy: createdByFirstName ? `${createdByFirstName} ${createdByLastName}` : null,
      state: (row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= now ? "expired" : "active") as ApiKeyState,
    }));
  });
}
