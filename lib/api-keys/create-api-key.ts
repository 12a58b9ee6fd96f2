import { apiKeys } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { actingUserId, assertCan, type Verb } from "../context";
import { ValidationFailed } from "../errors";
import { assertMayGrant, rolePermissionSet } from "../permissions/guards";
import { parseInput } from "../validation";
import { CreateApiKeyInput } from "./api-key-input";
import { generateApiKey } from "./keys";

/**
 * Creates an API key for another system. Caller needs api.admin and must hold every permission of
 * the key's role. The key is returned once and stored only as its SHA-256. It expires at the start
 * of `expiresOn` (UTC) when one is given.
 */
export async function createApiKey({ ctx, input }: Verb<CreateApiKeyInput>) {
  return auditAuthzFailures(ctx, "apiKey.create", async () => {
    assertCan(ctx.actor, "api.admin");
    const actor = ctx.actor;
    const data = parseInput(CreateApiKeyInput, input);
    const now = ctx.now();
    if (data.expiresOn && data.expiresOn <= now.toISOString().slice(0, 10)) throw ValidationFailed({ expiresOn: ["The expiration date must be after today."] });
    const role = await rolePermissionSet(ctx.db, data.roleId);
    assertMayGrant(actor, role.permissions, `a key the role ${role.name}`);
    if (!role.permissions.has("api.access"))
      throw ValidationFailed({ roleId: [`The role ${role.name} does not include API access: choose a role that does.`] });
    const { key, prefix, hash } = generateApiKey();
    return ctx.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(apiKeys)
        .values({
          name: data.name,
          prefix,
          keyHash: hash,
          roleId: data.roleId,
          createdById: actingUserId(actor),
          createdAt: now,
          expiresAt: data.expiresOn ? new Date(`${data.expiresOn}T00:00:00Z`) : null,
        })
        .returning({ id: apiKeys.id });
      await recordAudit(tx, ctx, "api_key.created", {
        target: { type: "api_key", id: created.id, name: data.name },
        detail: { prefix, role: role.name, expiresOn: data.expiresOn ?? null },
      });
      return { id: created.id, key, prefix };
    });
  });
}
